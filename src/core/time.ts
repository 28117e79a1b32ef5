/** Times are stored as ISO-8601 UTC strings: readable in the file, and they sort as text. */
export const nowIso = (): string => new Date().toISOString();
