// A relay URL in three parts for the sync status: the scheme and the path can be dropped on a narrow
// bar, leaving the host (the part that tells one relay from another).

export interface UrlParts {
  scheme: string;
  host: string;
  path: string;
}

export function splitUrl(url: string): UrlParts {
  const match = /^([a-z][a-z0-9+.-]*:\/\/)([^/?#]*)(.*)$/i.exec(url);
  if (!match) return { scheme: '', host: url, path: '' };
  return { scheme: match[1]!, host: match[2]!, path: match[3]! };
}
