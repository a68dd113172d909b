<#import "template.ftl" as layout>
<#import "field.ftl" as field>
<#import "buttons.ftl" as buttons>
<#--
  keycloak.v2 shows the attempted username in a read-only field that its label does not name (axe: "label",
  critical) next to a restart button that needs JavaScript. This page gives the layout its own version of that
  one macro: a labelled field and a plain link, the same look.
-->
<#macro attemptedUsername>
    <div class="${properties.kcFormGroupClass}">
        <div class="${properties.kcFormGroupLabelClass}">
            <label for="kc-attempted-username" class="${properties.kcFormLabelClass}">
                <span class="${properties.kcFormLabelTextClass}"><#if !realm.loginWithEmailAllowed>${msg("username")}<#elseif !realm.registrationEmailAsUsername>${msg("usernameOrEmail")}<#else>${msg("email")}</#if></span>
            </label>
        </div>
        <div class="${properties.kcInputGroup}">
            <div class="${properties.kcInputGroupItemClass} ${properties.kcFill}">
                <span class="${properties.kcInputClass} ${properties.kcFormReadOnlyClass}">
                    <input id="kc-attempted-username" value="${auth.attemptedUsername}" dir="ltr" readonly>
                </span>
            </div>
            <div class="${properties.kcInputGroupItemClass}">
                <a id="reset-login" class="${properties.kcFormPasswordVisibilityButtonClass}" href="${url.loginRestartFlowUrl}"
                   aria-label="${msg('restartLoginTooltip')}" title="${msg('restartLoginTooltip')}">
                    <i class="fa-sync-alt fas" aria-hidden="true"></i>
                </a>
            </div>
        </div>
    </div>
</#macro>
<#assign username = attemptedUsername in layout>
<#-- The same page serves the required actions delivered by code, with their own words: "Verify email" (no way to
     another address, since the code goes to the account's own) and "Update email" (back to the form for another
     new address). Each purpose's messages share a prefix. -->
<#assign purpose = emailCodePurpose!"sign-in">
<#assign action = purpose != "sign-in">
<#assign prefix = {"verify-email": "emailCodeVerify", "update-email": "emailCodeChange"}[purpose]!"emailCode">

<#-- Messages are shown next to the field they concern, so the layout's own message box stays off. -->
<@layout.registrationLayout displayMessage=false; section>
<!-- template: login-email-code.ftl -->

    <#if section = "header">
        ${msg(prefix + "Title")}
    <#elseif section = "form">
        <#assign codeError = messagesPerField.get('code')>
        <#assign pageMessage = message?has_content && !codeError?has_content>
        <#assign numeric = numericCode!true>
        <#assign waitSeconds = resendWaitSeconds!0>
        <#-- The field is described by its error (first, so it is heard at once), then by the instructions. -->
        <#assign described = pageMessage?then("kc-email-code-message ", "") + codeError?has_content?then("input-error-code ", "")
            + "kc-email-code-instruction kc-email-code-validity">

        <#-- On a right-to-left page the address is isolated (U+2068 FSI ... U+2069 PDI): one left-to-right run, also
             where it wraps, whatever its hyphens and dots. -->
        <p id="kc-email-code-instruction">
            <#assign isolated = ((locale.rtl)!false)?then("\x2068" + (emailShown!"") + "\x2069", emailShown!"")>
            <#if action>${msg(prefix + "Instruction", isolated)}<#elseif emailShown?has_content>${msg("emailCodeInstruction", isolated)}<#else>${msg("emailCodeInstructionNoAddress")}</#if>
        </p>
        <p id="kc-email-code-validity" class="kc-email-code-hint"><#if (validityMinutes!5) == 1>${msg("emailCodeValidityOneMinute")}<#else>${msg("emailCodeValidity", (validityMinutes!5)?c)}</#if></p>

        <#if pageMessage>
            <#-- An alert for errors, a status for information: screen readers announce both, errors at once. -->
            <div id="kc-email-code-message" role="${(message.type = 'error')?then('alert', 'status')}"
                 class="${properties.kcAlertClass!} pf-m-${(message.type = 'error')?then('danger', message.type)}">
                <div class="${properties.kcAlertIconClass!}">
                    <span class="<#if message.type = 'error'>${properties.kcFeedbackErrorIcon!}<#elseif message.type = 'success'>${properties.kcFeedbackSuccessIcon!}<#elseif message.type = 'warning'>${properties.kcFeedbackWarningIcon!}<#else>${properties.kcFeedbackInfoIcon!}</#if>" aria-hidden="true"></span>
                </div>
                <p class="${properties.kcAlertTitleClass!} kc-feedback-text">${message.summary}</p>
            </div>
        </#if>

        <form id="kc-email-code-form" class="${properties.kcFormClass!}" onsubmit="login.disabled = true; return true;"
              action="${url.loginAction}" method="post" data-code-length="${(codeLength!6)?c}" data-code-symbols="${codeSymbols!'0123456789'}">
            <@field.group name="code" label=action?then(msg("authenticatorCode"), msg("emailCodeLabel")) error=codeError>
                <span class="${properties.kcInputClass!} <#if codeError?has_content>${properties.kcError!}</#if>">
                    <#-- No length limit and no input pattern: a pasted "482 913" or a line of the email must reach the server.
                         Codes and addresses read left to right on right-to-left pages too (dir="ltr"). -->
                    <input id="code" name="code" type="text" value="" autocomplete="one-time-code" dir="ltr"
                           <#if numeric>inputmode="numeric"<#else>autocapitalize="characters"</#if>
                           spellcheck="false" autofocus required
                           <#if codeError?has_content>aria-invalid="true"</#if>
                           aria-describedby="${described}"/>
                    <@field.errorIcon error=codeError/>
                </span>
            </@field.group>

            <@buttons.actionGroup>
                <#if action>
                    <@buttons.button id="kc-login" name="login" label="doSubmit"/>
                <#else>
                    <@buttons.button id="kc-login" name="login" label="doLogIn"/>
                </#if>
                <#-- Written out rather than via buttons.button: that macro runs extra attributes together. -->
                <button class="${properties.kcButtonSecondaryClass!} ${properties.kcButtonBlockClass!}" id="kc-resend"
                        name="resend" value="true" type="submit" formnovalidate
                        <#if waitSeconds gt 0>aria-describedby="kc-resend-wait"</#if>>${msg("emailCodeResend")}</button>
                <p id="kc-resend-wait" class="kc-email-code-hint" data-seconds="${waitSeconds?c}"
                   data-text="${msg('emailCodeResendIn', '%s')}"<#if waitSeconds lte 0> hidden</#if>>${msg("emailCodeResendIn", resendWait!"0:00")}</p>
                <p id="kc-resend-ready" class="kc-visually-hidden" aria-live="polite" data-text="${msg('emailCodeResendReady')}"></p>
                <p id="kc-email-code-not-received" class="kc-email-code-hint">${msg("emailCodeNotReceived")}</p>
                <#if purpose = "sign-in">
                    <@buttons.buttonLink id="kc-use-another-email" href=url.loginRestartFlowUrl label="emailCodeUseAnotherEmail" class=["kcButtonLinkClass", "kcButtonBlockClass"]/>
                <#elseif purpose = "update-email">
                    <button class="${properties.kcButtonLinkClass!} ${properties.kcButtonBlockClass!}" id="kc-other-address"
                            name="other-address" value="true" type="submit" formnovalidate>${msg("emailCodeChangeOtherAddress")}</button>
                </#if>
                <#-- An action an application started (e.g. the account console's "Update email") can be cancelled. -->
                <#if action && isAppInitiatedAction??>
                    <button class="${properties.kcButtonSecondaryClass!} ${properties.kcButtonBlockClass!}" id="kc-cancel-aia"
                            name="cancel-aia" value="true" type="submit" formnovalidate>${msg("doCancel")}</button>
                </#if>
            </@buttons.actionGroup>
        </form>
        <#-- Only adds comfort: the countdown and sending a complete code. Everything works without it. -->
        <script type="module" src="${url.resourcesPath}/js/email-code.js"></script>
    </#if>

</@layout.registrationLayout>
