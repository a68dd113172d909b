<#ftl output_format="plainText">
${msg("emailCodeIntro", realmName)}

    ${code}

${msg("emailCodeValidity", ttlMinutes)}

${msg("emailCodeIgnore")}
