/** `serve --open`: the URL in the user's default browser, with the platform's own opener. */
import { spawn } from 'node:child_process';

/** Opens `url`; resolves with a reason when no browser could be started (the caller prints it), else undefined. */
export function openBrowser(url: string): Promise<string | undefined> {
  const [command, args] =
    process.platform === 'darwin' ? ['open', [url]] : process.platform === 'win32' ? ['cmd', ['/c', 'start', '""', url]] : ['xdg-open', [url]];
  return new Promise((resolveOpen) => {
    const child = spawn(command, args, { stdio: 'ignore', detached: true });
    child.once('error', (error) => resolveOpen(`${command}: ${error.message}`));
    child.once('spawn', () => {
      child.unref();
      resolveOpen(undefined);
    });
  });
}
