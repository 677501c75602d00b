/** A figure with about three significant digits, thin-space grouped when large: 0.213, 4.71, 52 100. */
export function formatValue(value: number): string {
  const magnitude = Math.abs(value);
  if (magnitude >= 1000) return Math.round(value).toLocaleString("en-US").replace(/,/g, " ");
  if (magnitude >= 100) return value.toFixed(0);
  if (magnitude >= 10) return value.toFixed(1);
  if (magnitude >= 1) return value.toFixed(2);
  return value.toFixed(3);
}

/** formatValue with an explicit sign, for differences. */
export function formatSigned(value: number): string {
  return (value >= 0 ? "+" : "") + formatValue(value);
}
