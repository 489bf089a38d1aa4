// SEPA credit transfer initiation, ISO 20022 pain.001.001.09, as restricted by the EPC customer-to-PSP implementation
// guidelines (EPC132-08 2023 V1.0; schema copied beside this file and used by the tests with xmllint).
export const PAIN001_NAMESPACE = 'urn:iso:std:iso:20022:tech:xsd:pain.001.001.09';

export type SepaParty = { name: string; iban: string; bic?: string | null };
export type SepaTransfer = { endToEndId: string; amountCents: number; creditor: SepaParty; remittance: string };
export type SepaFile = {
  messageId: string;
  createdAt: Date;
  requestedExecutionDate: string;
  debtor: SepaParty & { bic: string };
  transfers: SepaTransfer[];
};

// The EPC's basic Latin character set: letters without diacritics, digits, / - ? : ( ) . , ' + and space.
export function sepaText(value: string, max: number): string {
  const latin = value
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[’‘`´]/g, "'")
    .replace(/[–—]/g, '-')
    .replace(/&/g, '+')
    .replace(/[^A-Za-z0-9/\-?:().,'+ ]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return (latin || '-').slice(0, max).trim() || '-';
}

const xml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
export const formatAmount = (cents: number): string => {
  if (!Number.isSafeInteger(cents) || cents <= 0)
    throw new Error(`a transfer amount must be a positive integer of cents, got ${cents}`);
  return `${Math.trunc(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
};
const iban = (v: string) => v.replace(/\s/g, '').toUpperCase();

export function buildPain001(file: SepaFile): string {
  if (!file.transfers.length) throw new Error('a SEPA file needs at least one transfer');
  const total = file.transfers.reduce((sum, t) => sum + t.amountCents, 0);
  const count = String(file.transfers.length);
  const createdAt = file.createdAt.toISOString().replace(/\.\d{3}Z$/, 'Z');
  const debtorName = xml(sepaText(file.debtor.name, 70));
  const lines: string[] = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<Document xmlns="${PAIN001_NAMESPACE}" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">`,
    '  <CstmrCdtTrfInitn>',
    '    <GrpHdr>',
    `      <MsgId>${xml(sepaText(file.messageId, 35))}</MsgId>`,
    `      <CreDtTm>${createdAt}</CreDtTm>`,
    `      <NbOfTxs>${count}</NbOfTxs>`,
    `      <CtrlSum>${formatAmount(total)}</CtrlSum>`,
    `      <InitgPty><Nm>${debtorName}</Nm></InitgPty>`,
    '    </GrpHdr>',
    '    <PmtInf>',
    `      <PmtInfId>${xml(sepaText(file.messageId, 35))}</PmtInfId>`,
    '      <PmtMtd>TRF</PmtMtd>',
    '      <BtchBookg>true</BtchBookg>',
    `      <NbOfTxs>${count}</NbOfTxs>`,
    `      <CtrlSum>${formatAmount(total)}</CtrlSum>`,
    '      <PmtTpInf><SvcLvl><Cd>SEPA</Cd></SvcLvl></PmtTpInf>',
    `      <ReqdExctnDt><Dt>${file.requestedExecutionDate}</Dt></ReqdExctnDt>`,
    `      <Dbtr><Nm>${debtorName}</Nm></Dbtr>`,
    `      <DbtrAcct><Id><IBAN>${iban(file.debtor.iban)}</IBAN></Id></DbtrAcct>`,
    `      <DbtrAgt><FinInstnId><BICFI>${file.debtor.bic}</BICFI></FinInstnId></DbtrAgt>`,
    '      <ChrgBr>SLEV</ChrgBr>',
  ];
  for (const t of file.transfers) {
    lines.push(
      '      <CdtTrfTxInf>',
      `        <PmtId><EndToEndId>${xml(sepaText(t.endToEndId, 35))}</EndToEndId></PmtId>`,
      `        <Amt><InstdAmt Ccy="EUR">${formatAmount(t.amountCents)}</InstdAmt></Amt>`,
      ...(t.creditor.bic ? [`        <CdtrAgt><FinInstnId><BICFI>${t.creditor.bic}</BICFI></FinInstnId></CdtrAgt>`] : []),
      `        <Cdtr><Nm>${xml(sepaText(t.creditor.name, 70))}</Nm></Cdtr>`,
      `        <CdtrAcct><Id><IBAN>${iban(t.creditor.iban)}</IBAN></Id></CdtrAcct>`,
      `        <RmtInf><Ustrd>${xml(sepaText(t.remittance, 140))}</Ustrd></RmtInf>`,
      '      </CdtTrfTxInf>',
    );
  }
  lines.push('    </PmtInf>', '  </CstmrCdtTrfInitn>', '</Document>', '');
  return lines.join('\n');
}

// The next Luxembourg business day after `today` (YYYY-MM-DD), weekends skipped (bank holidays are the bank's).
export function nextBusinessDay(today: string): string {
  const d = new Date(`${today}T12:00:00Z`);
  do d.setUTCDate(d.getUTCDate() + 1);
  while (d.getUTCDay() === 0 || d.getUTCDay() === 6);
  return d.toISOString().slice(0, 10);
}
