import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildPain001, formatAmount, nextBusinessDay, sepaText } from './pain001.js';

const XSD = join(import.meta.dirname, 'pain.001.001.09.xsd');
const validate = (xml: string): string => {
  const file = join(mkdtempSync(join(tmpdir(), 'pain001-')), 'file.xml');
  writeFileSync(file, xml);
  try {
    return execFileSync('xmllint', ['--noout', '--schema', XSD, file], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (error) {
    throw new Error(String((error as { stderr?: string }).stderr ?? error));
  }
};

describe('SEPA credit transfer file pain.001.001.09', () => {
  const file = {
    messageId: 'SONS-20261125-ABC123',
    createdAt: new Date('2026-11-25T10:00:00.123Z'),
    requestedExecutionDate: '2026-11-26',
    debtor: { name: 'Agence eSanté', iban: 'LU50 0019 1755 4678 9000', bic: 'BCEELULL' },
    transfers: [
      {
        endToEndId: 'SONS-2026-000001',
        amountCents: 64000,
        creditor: { name: 'MediSoft Luxembourg S.à r.l.', iban: 'LU280019400644750000' },
        remittance: 'Facture SONS-2026-000001',
      },
      {
        endToEndId: 'SONS-2026-000002',
        amountCents: 128000,
        creditor: { name: 'Schmit & Fils <Logiciels> — « Praxis »', iban: 'DE89370400440532013000' },
        remittance: 'Facture SONS-2026-000002',
      },
    ],
  };

  it('should validate against the EPC schema with xmllint', () => {
    const xml = buildPain001(file);
    expect(validate(xml)).toBe('');
    expect(xml).toContain('<CtrlSum>1920.00</CtrlSum>');
    expect(xml).toContain('<NbOfTxs>2</NbOfTxs>');
    expect(xml).toContain('<IBAN>LU500019175546789000</IBAN>');
    expect(xml).toContain('<Nm>MediSoft Luxembourg S.a r.l.</Nm>');
  });

  it('should be rejected by the schema when a field breaks it (the validator is not a no-op)', () => {
    const broken = buildPain001(file).replace('<ChrgBr>SLEV</ChrgBr>', '<ChrgBr>SHAR</ChrgBr>');
    expect(() => validate(broken)).toThrow(/fails to validate|not an element of the set/);
  });

  it('should keep text in the EPC character set and amounts with two decimals', () => {
    expect(sepaText('Schmit & Fils <Logiciels> — « Praxis »', 70)).toBe('Schmit + Fils Logiciels - Praxis');
    expect(sepaText('Dr Françoise Müller-Öztürk', 70)).toBe('Dr Francoise Muller-Ozturk');
    expect(formatAmount(64000)).toBe('640.00');
    expect(formatAmount(5)).toBe('0.05');
    expect(() => formatAmount(0)).toThrow();
  });

  it('should request execution on the next business day', () => {
    expect(nextBusinessDay('2026-11-25')).toBe('2026-11-26');
    expect(nextBusinessDay('2026-11-27')).toBe('2026-11-30');
  });
});
