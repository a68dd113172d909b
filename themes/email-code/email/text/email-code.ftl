<#ftl output_format="plainText">
<#-- The same content as the HTML email, for clients that show plain text. The code stands alone on its line. -->
<#assign minutes = ttlMinutes?is_number?then(ttlMinutes, ttlMinutes?number)>
${msg("emailCodeHeading")} - ${realmName}

${msg("emailCodeIntro", realmName)}

    ${code}

<#if minutes == 1>${msg("emailCodeValidityOneMinute")}<#else>${msg("emailCodeValidity", minutes?c)}</#if>
${msg("emailCodeDoNotShare")}

${msg("emailCodeIgnore")}

--
${msg("emailCodeReason", realmName)}
