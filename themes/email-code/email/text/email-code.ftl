<#ftl output_format="plainText">
<#-- The same content as the HTML email, for clients that show plain text. The code stands alone on its line. -->
<#assign minutes = ttlMinutes?is_number?then(ttlMinutes, ttlMinutes?number)>
<#-- The same email verifies an account's address (Keycloak's "Verify email" delivered by code): other words. -->
<#assign verifying = (emailCodePurpose!"sign-in") == "verify-email">
${verifying?then(msg("emailCodeVerifyHeading"), msg("emailCodeHeading"))} - ${realmName}

${verifying?then(msg("emailCodeVerifyIntro", realmName), msg("emailCodeIntro", realmName))}

    ${code}

<#if minutes == 1>${msg("emailCodeValidityOneMinute")}<#else>${msg("emailCodeValidity", minutes?c)}</#if>
${msg("emailCodeDoNotShare")}

${verifying?then(msg("emailCodeVerifyIgnore"), msg("emailCodeIgnore"))}

--
${verifying?then(msg("emailCodeVerifyReason", realmName), msg("emailCodeReason", realmName))}
