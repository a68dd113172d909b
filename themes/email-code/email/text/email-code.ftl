<#ftl output_format="plainText">
<#assign minutes = ttlMinutes?is_number?then(ttlMinutes, ttlMinutes?number)>
${msg("emailCodeIntro", realmName)}

    ${code}

<#if minutes == 1>${msg("emailCodeValidityOneMinute")}<#else>${msg("emailCodeValidity", minutes?c)}</#if>

${msg("emailCodeDoNotShare")}

${msg("emailCodeIgnore")}
