<#ftl output_format="plainText">
<#-- The same content as the HTML notice, for clients that show plain text. -->
${msg("emailCodeChangedHeading")} - ${realmName}

${msg("emailCodeChangedText", realmName, newAddressMasked)}

${msg("emailCodeChangedNotYou", realmName)}
