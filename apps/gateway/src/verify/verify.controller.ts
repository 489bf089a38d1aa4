import { createHash } from 'node:crypto';
import { Controller, Get, HttpCode, Inject, Param, Post, Req } from '@nestjs/common';
import { ApiConsumes, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { DomainError, verifyDocument } from '@sons/contracts';
import { Bus } from '@sons/platform';
import { correlationOf } from '../http/caller.js';
import { Access } from '../identity/access.decorator.js';

// The public verification behind the QR code printed on every PDF (/verify/<reference>): no login; status and
// fingerprint only. A copy is checked by hashing it here — the file itself never travels on the bus.
@ApiTags('verify')
@Controller('verify')
export class VerifyController {
  constructor(@Inject(Bus) private readonly bus: Bus) {}

  @Get(':reference')
  @Access('public')
  @ApiOperation({ summary: 'Status of a document (valid, withdrawn, superseded), its title, issue date and SHA-256' })
  status(@Param('reference') reference: string, @Req() req: Request) {
    return this.bus.request(verifyDocument, { reference }, { correlationId: correlationOf(req) });
  }

  @Post(':reference')
  @HttpCode(200)
  @Access('public')
  @ApiConsumes('application/pdf')
  @ApiOperation({ summary: 'Check a copy: raw PDF body → { genuine (SHA-256 matches the issued document), status, … }' })
  async check(@Param('reference') reference: string, @Req() req: Request) {
    const body = req.body as unknown;
    if (!Buffer.isBuffer(body) || body.length === 0) {
      throw new DomainError('FILE_EMPTY', 400, {
        fr: 'Envoyez le fichier PDF à vérifier dans le corps de la requête.',
        en: 'Send the PDF file to check as the request body.',
      });
    }
    const sha256 = createHash('sha256').update(body).digest('hex');
    return this.bus.request(verifyDocument, { reference, sha256 }, { correlationId: correlationOf(req) });
  }
}
