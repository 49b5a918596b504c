/**
 * The output intent: the page's DeviceRGB colours are sRGB. PDF/A (ISO 19005-3, 6.2.3) wants device colours
 * tied to a colour space by a /GTS_PDFA1 output intent carrying an embedded ICC profile. The profile is shipped
 * in `profiles/` (Debian's icc-profiles-free sRGB.icc, zlib licence, profiles/LICENSE-sRGB.txt) and read once.
 */
import { readFileSync } from 'node:fs';
import { SRGB_PROFILE } from '../resources.js';
import { catalog } from './pdfkitInternals.js';

/** The profile's description, also the output condition's name. */
const SRGB_NAME = 'sRGB IEC61966-2.1';

let profile: Buffer | undefined;

export function addSrgbOutputIntent(doc: PDFKit.PDFDocument): void {
  profile ??= readFileSync(SRGB_PROFILE);
  const stream = doc.ref({ N: 3 });
  stream.end(profile);
  const intent = doc.ref({
    Type: 'OutputIntent',
    S: 'GTS_PDFA1',
    OutputConditionIdentifier: new String(SRGB_NAME),
    Info: new String(SRGB_NAME),
    DestOutputProfile: stream,
  });
  intent.end(undefined);
  catalog(doc).OutputIntents = [intent];
}
