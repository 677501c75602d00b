// Runs in the panel. Which values are credentials: in headers, in connection requests and
// responses, and in the query of a URL (a wsUrl with ?token=…). The Connection view masks them
// until clicked (panel/ConnectionView.tsx); a session export masks them unless the user asks
// for them (panel/model/exportSecrets.ts). The page's data is kept as it was.
const SECRET_NAME =
  /authorization|cookie|token|secret|password|passwd|api[-_]?key|credential|(^|[-_.])key([-_.]|$)|[a-z]Key$/i;

export function isSecretName(name: string): boolean {
  return SECRET_NAME.test(name);
}

const MASK = "•".repeat(8);

/** "Bearer ••••••••" for auth schemes, "••••••••" otherwise: enough to recognise, nothing to reuse. */
export function maskSecret(value: string): string {
  const scheme = /^(Bearer|Basic|Token)\s+/i.exec(value)?.[0] ?? "";
  return `${scheme}${MASK}`;
}

/** A query parameter of a URL-like string: `?name=value` or `&name=value`. */
const QUERY_PARAMETER = /([?&])([^=&#\s]+)=([^&#\s]*)/g;

/**
 * Masks the values of secret-named query parameters in a string (left as written otherwise, not
 * re-encoded by URL); calls `onMasked` with each parameter's name.
 */
export function maskQuerySecrets(text: string, onMasked: (name: string) => void): string {
  if (!text.includes("=")) return text;
  return text.replace(QUERY_PARAMETER, (whole, separator: string, name: string, value: string) => {
    if (value === "" || !isSecretName(name)) return whole;
    onMasked(name);
    return `${separator}${name}=${MASK}`;
  });
}
