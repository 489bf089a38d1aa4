import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import express, { type NextFunction, type Request, type Response } from 'express';
import helmet from 'helmet';
import { PlatformModule, type ServiceRuntime } from '@sons/platform';
import { AppModule } from './app.module.js';
import type { GatewayConfig } from './config.js';

@Module({})
class GatewayRootModule {}

// The HTTP edge: REST under /api (OpenAPI at /api/docs), the web app everywhere else.
export async function createGateway(runtime: ServiceRuntime, config: GatewayConfig): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(
    { module: GatewayRootModule, imports: [PlatformModule.forRuntime(runtime), AppModule] },
    { logger: ['error', 'warn'], bodyParser: false },
  );
  app.set('trust proxy', 'loopback');
  app.disable('x-powered-by');
  app.use(
    helmet({
      contentSecurityPolicy: {
        useDefaults: true,
        directives: {
          // Form.io's renderer needs inline styles; scripts only from our own origin.
          'style-src': ["'self'", "'unsafe-inline'"],
          'img-src': ["'self'", 'data:', 'blob:'],
          'worker-src': ["'self'", 'blob:'],
          // The template editor previews the rendered PDF from a blob: URL in a frame.
          'frame-src': ["'self'", 'blob:'],
        },
      },
    }),
  );
  // Every API request has a correlation id — the caller's X-Correlation-Id (≤ 100 characters) or a new one — carried
  // to the services over NATS, into the logs and the audit trail, and returned in the response.
  app.use('/api', (req: Request, res: Response, next: NextFunction) => {
    const given = req.headers['x-correlation-id'];
    const id = typeof given === 'string' && given.length > 0 && given.length <= 100 ? given : randomUUID();
    req.headers['x-correlation-id'] = id;
    res.setHeader('X-Correlation-Id', id);
    next();
  });
  // Uploads: raw bytes up to the upload limit, checked again (and sniffed) by the attachment store.
  app.use('/api/attachments', express.raw({ type: () => true, limit: `${config.SONS_UPLOAD_MAX_MB}mb` }));
  // Public verification of a PDF copy (POST /api/verify/:reference): raw bytes, hashed by the gateway.
  app.use('/api/verify', express.raw({ type: () => true, limit: '10mb' }));
  app.use('/api', express.json({ limit: config.HTTP_BODY_LIMIT }));
  app.setGlobalPrefix('api', { exclude: [] });
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('SONS « Vague 2 » — plateforme de labélisation')
      .setDescription('REST API of the SONS labelling platform: enrolment, labelling, connection, billing.')
      .setVersion('0.1.0')
      .build(),
  );
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs/openapi.json', swaggerUiEnabled: true });

  const webDir = resolve(config.WEB_DIR);
  if (existsSync(webDir)) {
    // The app shell is revalidated on every load (a deploy is seen at once); the app's own files carry a content hash
    // in their names and never change; vendored libraries (Form.io, Bootstrap...) are kept for an hour.
    app.use(
      express.static(webDir, {
        index: 'index.html',
        setHeaders: (res, path) => res.setHeader('Cache-Control', staticCacheControl(relative(webDir, path))),
      }),
    );
    // Client-side routes fall back to the app shell; /api never does.
    app.use((req: Request, res: Response, next: NextFunction) => {
      if (req.method !== 'GET' || req.path.startsWith('/api')) return next();
      res.setHeader('Cache-Control', 'no-cache');
      res.sendFile(resolve(webDir, 'index.html'));
    });
  }
  app.enableShutdownHooks();
  await app.init();
  return app;
}

export function staticCacheControl(file: string): string {
  if (/^assets\/.+-[A-Z0-9]{8,}(\.\w+)+$/i.test(file)) return 'public, max-age=31536000, immutable';
  if (file.startsWith('vendor/')) return 'public, max-age=3600';
  return 'no-cache';
}
