/**
 * URLs as they may be shown: in answers, status lines and the console. A URL can carry credentials in
 * three places (userinfo, a Discord webhook's token, a query parameter such as `?token=`); each is
 * replaced by MASK, the rest stays as the owner typed it so the target remains recognisable.
 */

export const MASK = '[hidden]';

/** Query parameter names that carry credentials: `token`, `api_key`, `client_secret`, `sig`, `password` … */
const SECRET_PARAM = /token|key|secret|sig|pass(?:word|wd)?|pwd|auth|credential/i;
const USERINFO = /^([a-z][a-z\d+.-]*:\/\/)([^/?#@]*)@/i;
const DISCORD_TOKEN = /(\/api(?:\/v\d+)?\/webhooks\/\d+\/)[\w-]+/i;
/**
 * A URL inside free text (an IPv6 host bracketed); it ends at whitespace, a quote or a bracket, and
 * punctuation that closes a sentence is left out of it.
 */
const TRAILING_PUNCTUATION = /[.,;:!?]+$/;
const URL_IN_TEXT = /\b[a-z][a-z\d+.-]*:\/\/(?:\[[^\]\s]*\])?[^\s"'<>`()[\]{}]*/gi;

/** `a=1&token=t` → `[['a', '1'], ['token', 't']]`, as written; a pair without `=` has the value null. */
function pairsOf(query: string): [string, string | null][] {
  return query.split('&').map((pair) => {
    const equals = pair.indexOf('=');
    return equals === -1 ? [pair, null] : [pair.slice(0, equals), pair.slice(equals + 1)];
  });
}

const isSecretParam = (name: string) => SECRET_PARAM.test(safeDecode(name));

function maskQuery(query: string): string {
  return pairsOf(query)
    .map(([name, value]) =>
      value === null ? name : `${name}=${value && isSecretParam(name) ? MASK : value}`,
    )
    .join('&');
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
}

/** The URL with userinfo, a Discord webhook token and secret-looking query values replaced by MASK. */
export function maskUrl(url: string): string {
  const hash = url.indexOf('#');
  const beforeHash = hash === -1 ? url : url.slice(0, hash);
  const fragment = hash === -1 ? '' : url.slice(hash);
  const question = beforeHash.indexOf('?');
  const base = question === -1 ? beforeHash : beforeHash.slice(0, question);
  const query = question === -1 ? '' : `?${maskQuery(beforeHash.slice(question + 1))}`;
  const masked = base.replace(USERINFO, `$1${MASK}@`).replace(DISCORD_TOKEN, `$1${MASK}`);
  // A fragment is never sent, but `#access_token=…` is how some services hand tokens out.
  return `${masked}${query}${fragment && `#${maskQuery(fragment.slice(1))}`}`;
}

/** Every URL inside `text` masked (an error line, a receiver's answer echoing the address). */
export function maskUrlsIn(text: string): string {
  if (!text.includes('://')) return text;
  return text.replace(URL_IN_TEXT, (found) => {
    const url = found.replace(TRAILING_PUNCTUATION, '');
    return maskUrl(url) + found.slice(url.length);
  });
}

/**
 * The secret values inside a URL (userinfo, a Discord token, secret query values), decoded as well as
 * raw: the logger masks them wherever they appear without their URL, e.g. echoed by a receiver.
 */
export function urlSecrets(url: string): string[] {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return [];
  }
  const found = [parsed.username, parsed.password];
  found.push(DISCORD_TOKEN.exec(parsed.pathname)?.[0].split('/').at(-1) ?? '');
  for (const [name, value] of pairsOf(parsed.search.slice(1))) {
    if (value !== null && isSecretParam(name)) found.push(value);
  }
  const all = found.flatMap((value) => [value, safeDecode(value)]);
  return [...new Set(all)].filter((value) => value !== '');
}
