// Which values the panel hides until clicked: credentials in headers and connection
// responses. Masking happens on display only; the page's data is kept as it was.
const SECRET_NAME = /authorization|cookie|token|secret|password|api[-_]?key|credential/i;

export function isSecretName(name: string): boolean {
  return SECRET_NAME.test(name);
}

/** "Bearer ••••••••" for auth schemes, "••••••••" otherwise: enough to recognise, nothing to reuse. */
export function maskSecret(value: string): string {
  const scheme = /^(Bearer|Basic|Token)\s+/i.exec(value)?.[0] ?? "";
  return `${scheme}${"•".repeat(8)}`;
}
