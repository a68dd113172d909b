<#ftl output_format="HTML">
<#-- Values are HTML-escaped: the code, the realm name and the texts are never inserted raw. -->
<#import "template.ftl" as layout>
<#assign minutes = ttlMinutes?is_number?then(ttlMinutes, ttlMinutes?number)>
<@layout.emailLayout>
<p>${msg("emailCodeIntro", realmName)}</p>
<p style="margin: 24px 0; font-family: 'SFMono-Regular', Consolas, 'Liberation Mono', Menlo, Courier, monospace; font-size: 32px; font-weight: bold; letter-spacing: 8px; line-height: 1.2;">${code}</p>
<p><#if minutes == 1>${msg("emailCodeValidityOneMinute")}<#else>${msg("emailCodeValidity", minutes?c)}</#if></p>
<p>${msg("emailCodeDoNotShare")}</p>
<p>${msg("emailCodeIgnore")}</p>
</@layout.emailLayout>
