<#ftl output_format="plainText">
<#assign minutes = ttlMinutes?is_number?then(ttlMinutes, ttlMinutes?number)>
${msg("emailCodeIntro", realmName)}

    ${code}

${msg("emailCodeValidity", minutes)}

${msg("emailCodeDoNotShare")}

${msg("emailCodeIgnore")}
