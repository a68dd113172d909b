<#import "template.ftl" as layout>
<#import "field.ftl" as field>
<#import "buttons.ftl" as buttons>
<@layout.registrationLayout displayMessage=!messagesPerField.existsError('code') displayInfo=true; section>
<!-- template: login-email-code.ftl -->
    <#if section="header">
        ${msg("emailCodeTitle")}
    <#elseif section="form">
        <p id="email-code-instruction" class="${properties.kcFormHelperTextClass!}">${msg("emailCodeInstruction", maskedEmail!"")}</p>
        <form id="kc-email-code-form" class="${properties.kcFormClass!}" action="${url.loginAction}" method="post">
            <#assign codeError = messagesPerField.getFirstError('code')>
            <@field.group name="code" label=msg("emailCodeLabel") error=codeError required=true>
                <span class="${properties.kcInputClass} <#if codeError?has_content>${properties.kcError}</#if>">
                    <input id="code" name="code" type="text" value=""
                           autocomplete="one-time-code" autocapitalize="characters" spellcheck="false"
                           <#if numericCode!true>inputmode="numeric" pattern="[0-9]*"</#if>
                           maxlength="${codeLength!6}" required autofocus
                           aria-describedby="email-code-instruction<#if codeError?has_content> input-error-code</#if>"
                           aria-invalid="<#if codeError?has_content>true<#else>false</#if>"/>
                    <@field.errorIcon error=codeError/>
                </span>
            </@field.group>

            <@buttons.actionGroup>
                <@buttons.button id="kc-login" name="login" label="emailCodeSubmit" />
                <@buttons.button id="email-code-resend" name="resend" label="emailCodeResend" type="secondary" formnovalidate="formnovalidate" value="true" />
            </@buttons.actionGroup>
        </form>
    <#elseif section="info">
        <a id="email-code-use-another-email" href="${url.loginRestartFlowUrl}">${msg("emailCodeUseAnotherEmail")}</a>
    </#if>
</@layout.registrationLayout>
