/**
 * Which `Host` headers the preview server answers. It listens on 127.0.0.1 only, but a web page elsewhere can
 * still reach it by DNS rebinding: its own name made to resolve to 127.0.0.1, so the browser sends
 * `Host: attacker.example` and treats the answers as that page's own. Answering only requests that name a
 * loopback host closes that door: such a page can never name one.
 */

/** Loopback names: `localhost` (with or without the root dot), 127.0.0.0/8, `[::1]`; any port or none. */
export function isLoopbackHost(host: string | undefined): boolean {
  if (host === undefined) return false;
  const match = /^(?:\[([0-9a-f:.]+)\]|([^:[\]]+))(?::\d{1,5})?$/i.exec(host.trim());
  if (!match) return false;
  if (match[1] !== undefined) return match[1] === '::1';
  const name = match[2]!.toLowerCase().replace(/\.$/, '');
  if (name === 'localhost') return true;
  const octets = /^127\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(name);
  return octets !== null && octets.slice(1).every((octet) => Number(octet) <= 255);
}
