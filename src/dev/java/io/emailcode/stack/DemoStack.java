package io.emailcode.stack;

import java.time.Duration;
import java.util.List;

/** What the run command starts: the single-node {@link LocalStack} or, on request, the {@link ClusterStack}. */
public interface DemoStack extends AutoCloseable {

    /** Every port the stack will listen on, checked to be free before anything starts. */
    List<Integer> listeningPorts();

    /** One line saying what starts and how long it takes. */
    String startingMessage();

    /** Starts everything for the run command; {@link #close} from a shutdown hook interrupts it. */
    void startForDemo(StackSettings settings);

    /** What is where, once everything answers; {@code startTime} is the whole start. */
    String welcome(Duration startTime);

    @Override
    void close();
}
