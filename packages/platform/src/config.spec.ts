import { baseConfigSchema, ConfigError, parseConfig } from './config.js';

describe('parseConfig', () => {
  it('should apply the embedded defaults when nothing is set', () => {
    const config = parseConfig(baseConfigSchema, {});
    expect(config.NATS_URL).toBe('nats://127.0.0.1:4222');
    expect(config.DATABASE_URL).toBeUndefined();
    expect(config.SONS_STREAM).toBe('SONS_EVENTS');
  });

  it('should treat an empty variable as unset when DATABASE_URL is blank', () => {
    expect(parseConfig(baseConfigSchema, { DATABASE_URL: '' }).DATABASE_URL).toBeUndefined();
  });

  it('should list every bad variable when several are wrong', () => {
    let caught: unknown;
    try {
      parseConfig(baseConfigSchema, { DATABASE_URL: 'mysql://x', LOG_LEVEL: 'loud', SONS_STREAM_REPLICAS: '9' });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConfigError);
    const message = (caught as Error).message;
    expect(message).toContain('DATABASE_URL');
    expect(message).toContain('LOG_LEVEL');
    expect(message).toContain('SONS_STREAM_REPLICAS');
  });
});
