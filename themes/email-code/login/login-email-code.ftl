<#import "template.ftl" as layout>
<#import "field.ftl" as field>
<#import "buttons.ftl" as buttons>
<@layout.registrationLayout displayMessage=!messagesPerField.existsError('code'); section>
<!-- template: login-email-code.ftl -->

    <#if section = "header">
        ${msg("emailCodeTitle")}
    <#elseif section = "form">
        <#assign codeError = messagesPerField.get('code')>
        <#assign numeric = numericCode!true>
        <p id="kc-email-code-instruction">
            <#if maskedEmail?has_content>
                ${msg("emailCodeInstruction", maskedEmail)}
            <#else>
                ${msg("emailCodeInstructionNoAddress")}
            </#if>
        </p>
        <form id="kc-email-code-form" class="${properties.kcFormClass!}" onsubmit="login.disabled = true; return true;"
              action="${url.loginAction}" method="post">
            <@field.group name="code" label=msg("emailCodeLabel") error=codeError>
                <span class="${properties.kcInputClass!} <#if codeError?has_content>${properties.kcError!}</#if>">
                    <input id="code" name="code" type="text" value="" autocomplete="one-time-code"
                           <#if numeric>inputmode="numeric" pattern="[0-9]*"<#else>autocapitalize="characters"</#if>
                           maxlength="${(codeLength!6)?c}" spellcheck="false" autofocus required
                           aria-invalid="${codeError?has_content?c}"
                           aria-describedby="kc-email-code-instruction<#if codeError?has_content> input-error-code</#if>"/>
                    <@field.errorIcon error=codeError/>
                </span>
            </@field.group>

            <@buttons.actionGroup>
                <@buttons.button id="kc-login" name="login" label="emailCodeSubmit"/>
                <#-- Written out rather than via buttons.button: that macro runs extra attributes together. -->
                <button class="${properties.kcButtonSecondaryClass!} ${properties.kcButtonBlockClass!}" id="kc-resend"
                        name="resend" value="true" type="submit" formnovalidate>${msg("emailCodeResend")}</button>
                <@buttons.buttonLink id="kc-use-another-email" href=url.loginRestartFlowUrl label="emailCodeUseAnotherEmail" class=["kcButtonLinkClass", "kcButtonBlockClass"]/>
            </@buttons.actionGroup>
        </form>
        <#-- The email goes out after this page: whatever happened to it, the page says what to do. -->
        <p id="kc-email-code-hint">${msg("emailCodeNoEmailHint")}</p>
    </#if>

</@layout.registrationLayout>
