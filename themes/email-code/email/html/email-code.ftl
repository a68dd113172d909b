<#ftl output_format="HTML">
<#import "template.ftl" as layout>
<@layout.emailLayout>
<p>${msg("emailCodeIntro", realmName)}</p>
<p style="font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 28px; font-weight: bold; letter-spacing: 6px;">${code}</p>
<p>${msg("emailCodeValidity", ttlMinutes)}</p>
<p>${msg("emailCodeIgnore")}</p>
</@layout.emailLayout>
