/**
 * The output intent: the page's DeviceRGB colours are sRGB. PDF/A (ISO 19005-3, 6.2.3) wants device colours
 * tied to a colour space by a /GTS_PDFA1 output intent carrying an embedded ICC profile. The profile is shipped
 * in `profiles/` (Debian's icc-profiles-free sRGB.icc, zlib licence, profiles/LICENSE-sRGB.txt) and read once.
 */
import { readFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';
import { SRGB_PROFILE } from '../resources.js';
import { catalog, endStream } from './pdfkitInternals.js';

/** The profile's description, also the output condition's name. */
const SRGB_NAME = 'sRGB IEC61966-2.1';

/** The profile, and its bytes compressed as PDFKit compresses a stream (kept: the same in every document). */
let profile: { bytes: Buffer; deflated?: Buffer } | undefined;

export function addSrgbOutputIntent(doc: PDFKit.PDFDocument): void {
  const icc = (profile ??= { bytes: readFileSync(SRGB_PROFILE) });
  const stream = doc.ref({ N: 3 });
  endStream(stream, () => icc.bytes, () => (icc.deflated ??= deflateSync(icc.bytes)));
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
