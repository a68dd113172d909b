<#ftl output_format="plainText">
<#-- The same content as the HTML email, for clients that show plain text. The code stands alone on its line. -->
<#assign minutes = ttlMinutes?is_number?then(ttlMinutes, ttlMinutes?number)>
<#-- The same email serves the required actions delivered by code ("Verify email", "Update email"), with their own
     words: each purpose's messages share a prefix. -->
<#assign prefix = {"verify-email": "emailCodeVerify", "update-email": "emailCodeChange"}[emailCodePurpose!"sign-in"]!"emailCode">
${msg(prefix + "Heading")} - ${realmName}

${msg(prefix + "Intro", realmName)}

    ${code}

<#if minutes == 1>${msg("emailCodeValidityOneMinute")}<#else>${msg("emailCodeValidity", minutes?c)}</#if>
${msg("emailCodeDoNotShare")}

${msg(prefix + "Ignore")}

--
${msg(prefix + "Reason", realmName)}
