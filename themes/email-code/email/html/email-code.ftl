<#ftl output_format="HTML">
<#--
  The sign-in code email. Values are HTML-escaped: the code, the realm name and the texts are never inserted raw.
  Mail clients drop <style> and external files, so every rule is inline: no images, no links, nothing to track.
  A complete document of its own (not base's layout): language, direction, charset and a title for screen readers.
-->
<#assign minutes = ttlMinutes?is_number?then(ttlMinutes, ttlMinutes?number)>
<#-- The same email serves the required actions delivered by code ("Verify email", "Update email"), with their own
     words: each purpose's messages share a prefix. -->
<#assign prefix = {"verify-email": "emailCodeVerify", "update-email": "emailCodeChange"}[emailCodePurpose!"sign-in"]!"emailCode">
<#assign font = "-apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, 'Noto Sans', 'Noto Sans CJK JP', 'Noto Sans CJK SC', sans-serif">
<#assign mono = "'SFMono-Regular', Consolas, 'Liberation Mono', Menlo, Courier, monospace">
<!DOCTYPE html>
<html lang="${locale.toLanguageTag()}" dir="${(ltr!true)?then('ltr', 'rtl')}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light">
<title>${msg(prefix + "Subject", realmName)}</title>
</head>
<body style="margin: 0; padding: 0; background-color: #f0f0f0;">
<#-- The preview line mail apps show after the subject. -->
<div style="display: none; max-height: 0; overflow: hidden; mso-hide: all;">${msg(prefix + "Preview", code, realmName)}</div>
<#-- An article, not a page: mail apps show it inside their own page, which has its landmarks. -->
<div role="article" aria-roledescription="email" aria-label="${msg(prefix + "Subject", realmName)}" lang="${locale.toLanguageTag()}">
<table role="presentation" width="100%" cellspacing="0" cellpadding="0" border="0" style="background-color: #f0f0f0;">
<tr>
<td align="center" style="padding: 32px 16px;">
<table role="presentation" width="100%" cellspacing="0" cellpadding="0" border="0"
       style="max-width: 480px; background-color: #ffffff; border: 1px solid #d2d2d2; border-top: 4px solid #0066cc; border-radius: 8px;">
<tr>
<td style="padding: 32px 32px 0 32px; font-family: ${font}; color: #151515; font-size: 16px; line-height: 1.5;">
<p style="margin: 0 0 8px 0; font-size: 14px; color: #4d4d4d; letter-spacing: 1px; text-transform: uppercase;">${realmName}</p>
<h1 style="margin: 0 0 16px 0; font-size: 24px; line-height: 1.25; font-weight: 700; color: #151515;">${msg(prefix + "Heading")}</h1>
<p style="margin: 0;">${msg(prefix + "Intro", realmName)}</p>
</td>
</tr>
<tr>
<td align="center" style="padding: 24px 32px;">
<#-- Text, not an image: it can be selected and copied (one click selects all of it), and it is read aloud.
     Left to right in every language, also in a right-to-left email. -->
<p dir="ltr" style="margin: 0; padding: 16px 24px; background-color: #f0f0f0; border-radius: 6px; font-family: ${mono}; font-size: 32px; font-weight: 700; letter-spacing: 8px; line-height: 1.2; color: #151515; -webkit-user-select: all; user-select: all;">${code}</p>
</td>
</tr>
<tr>
<td style="padding: 0 32px 32px 32px; font-family: ${font}; color: #151515; font-size: 16px; line-height: 1.5;">
<p style="margin: 0 0 12px 0;"><#if minutes == 1>${msg("emailCodeValidityOneMinute")}<#else>${msg("emailCodeValidity", minutes?c)}</#if></p>
<p style="margin: 0 0 12px 0;">${msg("emailCodeDoNotShare")}</p>
<p style="margin: 0;">${msg(prefix + "Ignore")}</p>
</td>
</tr>
</table>
<p style="max-width: 480px; margin: 16px auto 0 auto; font-family: ${font}; font-size: 13px; line-height: 1.5; color: #4d4d4d;">${msg(prefix + "Reason", realmName)}</p>
</td>
</tr>
</table>
</div>
</body>
</html>
