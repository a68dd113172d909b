<#ftl output_format="HTML">
<#--
  The notice to an account's previous address once a code proved the new one. Values are HTML-escaped. Like the code
  email: inline rules only, no images, and no link at all (there is nothing to click in a security notice).
-->
<#assign font = "-apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, 'Noto Sans', 'Noto Sans CJK JP', 'Noto Sans CJK SC', sans-serif">
<!DOCTYPE html>
<html lang="${locale.toLanguageTag()}" dir="${(ltr!true)?then('ltr', 'rtl')}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light">
<title>${msg("emailCodeChangedSubject", realmName)}</title>
</head>
<body style="margin: 0; padding: 0; background-color: #f0f0f0;">
<div role="article" aria-roledescription="email" aria-label="${msg("emailCodeChangedSubject", realmName)}" lang="${locale.toLanguageTag()}">
<table role="presentation" width="100%" cellspacing="0" cellpadding="0" border="0" style="background-color: #f0f0f0;">
<tr>
<td align="center" style="padding: 32px 16px;">
<table role="presentation" width="100%" cellspacing="0" cellpadding="0" border="0"
       style="max-width: 480px; background-color: #ffffff; border: 1px solid #d2d2d2; border-top: 4px solid #0066cc; border-radius: 8px;">
<tr>
<td style="padding: 32px; font-family: ${font}; color: #151515; font-size: 16px; line-height: 1.5;">
<p style="margin: 0 0 8px 0; font-size: 14px; color: #4d4d4d; letter-spacing: 1px; text-transform: uppercase;">${realmName}</p>
<h1 style="margin: 0 0 16px 0; font-size: 24px; line-height: 1.25; font-weight: 700; color: #151515;">${msg("emailCodeChangedHeading")}</h1>
<#-- The new address reads left to right in every language. -->
<p style="margin: 0 0 12px 0;">${msg("emailCodeChangedText", realmName, "\x2068" + newAddressMasked + "\x2069")}</p>
<p style="margin: 0;">${msg("emailCodeChangedNotYou", realmName)}</p>
</td>
</tr>
</table>
</td>
</tr>
</table>
</div>
</body>
</html>
