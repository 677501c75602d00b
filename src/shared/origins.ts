/** `https://example.com:8443` → `https://example.com/*`: match patterns carry no port. */
export function originPattern(origin: string): string {
  const url = new URL(origin);
  return `${url.protocol}//${url.hostname}/*`;
}
