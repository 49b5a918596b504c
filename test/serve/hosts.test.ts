import { describe, expect, it } from 'vitest';
import { isLoopbackHost } from '../../src/serve/hosts.js';

describe('isLoopbackHost', () => {
  it('accepts localhost, 127.0.0.0/8 and [::1], with or without a port', () => {
    for (const host of ['localhost', 'localhost:5840', 'LOCALHOST:80', 'localhost.:5840', '127.0.0.1', '127.0.0.1:5840', '127.1.2.3:9', '[::1]', '[::1]:5840']) {
      expect(isLoopbackHost(host), host).toBe(true);
    }
  });

  it('refuses every other name: DNS rebinding sends the attacker\'s own', () => {
    for (const host of [
      'evil.example',
      'evil.example:5840',
      'localhost.evil.example',
      '127.0.0.1.nip.io',
      'evil-localhost',
      '127.0.0.256',
      '127.0.0',
      '128.0.0.1',
      '0.0.0.0',
      '192.168.1.10:5840',
      '[::2]',
      '[::ffff:7f00:1]',
      'localhost:5840:1',
      'localhost@evil.example',
      '',
      ' ',
    ]) {
      expect(isLoopbackHost(host), host).toBe(false);
    }
    expect(isLoopbackHost(undefined)).toBe(false);
  });
});
