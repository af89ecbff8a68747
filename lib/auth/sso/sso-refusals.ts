/** Why an SSO sign-in was refused; each has its own sentence on the login page and its own log line. */
export const ssoRefusals = ['no_email', 'email_unverified', 'no_such_user', 'user_disabled'] as const
export type SsoRefusal = (typeof ssoRefusals)[number]

/** The login page's `?error=` value for each refusal (Auth.js uses CamelCase names there too). */
export const ssoRefusalErrorCodes: Record<SsoRefusal, string> = {
  no_email: 'SsoNoEmail',
  email_unverified: 'SsoEmailUnverified',
  no_such_user: 'SsoNoSuchUser',
  user_disabled: 'SsoUserDisabled',
}

/** Said to the person: what happened and what to do; never the token's contents. */
export const ssoRefusalMessages: Record<SsoRefusal, string> = {
  no_email: 'Your sign-on provider did not send an email address, so ModelLedger cannot tell who you are. Ask an admin to let the provider share your email.',
  email_unverified: 'Your sign-on provider has not verified your email address. Verify it with the provider, then try again.',
  no_such_user: 'That account is not set up in ModelLedger. Ask an admin to add you.',
  user_disabled: 'Your ModelLedger account is disabled. Ask an admin to enable it.',
}

/** One line each, for the server log. */
export const ssoRefusalLogLines: Record<SsoRefusal, string> = {
  no_email: 'sso sign-in refused: the provider sent no email',
  email_unverified: 'sso sign-in refused: email not verified by the provider',
  no_such_user: 'sso sign-in refused: no such user',
  user_disabled: 'sso sign-in refused: user disabled',
}

/** The login page's sentence for an `?error=` value that is an SSO refusal, else null. */
export function ssoRefusalMessageFor(errorCode: string): string | null {
  const reason = ssoRefusals.find((r) => ssoRefusalErrorCodes[r] === errorCode)
  return reason ? ssoRefusalMessages[reason] : null
}
