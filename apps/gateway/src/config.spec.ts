import { parseConfig } from '@sons/platform';
import { configSchema } from './config.js';

describe('gateway configuration', () => {
  it('should start a demo with demo accounts, a development secret and mail written to the log when nothing is set', () => {
    const config = parseConfig(configSchema, {});
    expect(config.SONS_DEMO_ACCOUNTS).toBe('on');
    expect(config.SMTP_URL).toBeUndefined();
    expect(config.SONS_SECRET_KEY.length).toBeGreaterThanOrEqual(32);
    expect(config.INVITATION_TTL_DAYS).toBe(7);
  });

  it('should refuse production without SMTP, without a secret key or with demo accounts, naming each variable', () => {
    expect(() => parseConfig(configSchema, { NODE_ENV: 'production', SONS_DEMO_ACCOUNTS: 'on' })).toThrow(
      /SONS_DEMO_ACCOUNTS[\s\S]*SONS_SECRET_KEY[\s\S]*SMTP_URL/,
    );
    const ok = parseConfig(configSchema, {
      NODE_ENV: 'production',
      SMTP_URL: 'smtps://u:p@mail.example.lu:465',
      SONS_SECRET_KEY: 'x'.repeat(40),
    });
    expect(ok.SONS_DEMO_ACCOUNTS).toBe('off');
  });
});
