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

  it('should refuse a moved programme clock (SONS_NOW) when NODE_ENV is production, and accept it otherwise', () => {
    const now = '2026-06-30T10:00:00+02:00';
    expect(() => parseConfig(baseConfigSchema, { NODE_ENV: 'production', SONS_NOW: now })).toThrow(
      /SONS_NOW: moves the programme clock .* unset it when NODE_ENV=production/,
    );
    expect(parseConfig(baseConfigSchema, { NODE_ENV: 'development', SONS_NOW: now }).SONS_NOW).toBe(now);
    expect(parseConfig(baseConfigSchema, { NODE_ENV: 'production' }).SONS_NOW).toBeUndefined();
  });
});
