/**
 * The document's XMP metadata packet (ISO 16684-1), written by us rather than by PDFKit: PDFKit's packet does
 * not escape `&` or `<` in a title, has no xmp:ModifyDate for the Info dictionary's ModDate, and cannot name
 * PDF/A-3u. PDF/A (ISO 19005-3, 6.6.2.3) wants every Info entry mirrored by its XMP property with the same
 * value: Title ↔ dc:title, Author ↔ dc:creator, Subject ↔ dc:description, Keywords ↔ pdf:Keywords,
 * Creator ↔ xmp:CreatorTool, Producer ↔ pdf:Producer, CreationDate ↔ xmp:CreateDate, ModDate ↔ xmp:ModifyDate.
 * `infoOf` and `xmpPacket` take the same `DocumentFacts`, so the two cannot drift apart.
 */

/** What the Info dictionary and the XMP packet both say about the document. */
export interface DocumentFacts {
  title: string;
  subject?: string;
  author?: string;
  keywords?: string;
  creator: string;
  producer: string;
  /** Creation and modification time (one render: the same instant). */
  created: Date;
  /** The document's language (BCP 47), as dc:language. */
  lang: string;
  /** The document ID (16 bytes), as xmpMM:DocumentID and InstanceID (`uuid:` form). */
  documentId?: Uint8Array;
  /** PDF/A part and conformance level, e.g. 3 and `U`. */
  pdfa: { part: number; conformance: 'A' | 'B' | 'U' };
  /** PDF/UA part (ISO 14289-1: 1), when the document is tagged to its rules. */
  pdfua?: number;
}

/** The Info dictionary's entries for `facts` (PDFKit writes them; dates as `D:YYYYMMDDHHmmSSZ`). */
export function infoOf(facts: DocumentFacts): Record<string, string | Date> {
  const info: Record<string, string | Date> = { Title: facts.title };
  if (facts.subject !== undefined) info.Subject = facts.subject;
  if (facts.author !== undefined) info.Author = facts.author;
  if (facts.keywords !== undefined) info.Keywords = facts.keywords;
  info.Creator = facts.creator;
  info.Producer = facts.producer;
  info.CreationDate = facts.created;
  info.ModDate = facts.created;
  return info;
}

/** The XMP packet for `facts`, as UTF-8 text (the metadata stream must stay unfiltered for PDF/A). */
export function xmpPacket(facts: DocumentFacts): string {
  const date = xmpDate(facts.created);
  const alt = (text: string) => `<rdf:Alt><rdf:li xml:lang="x-default">${escapeXml(text)}</rdf:li></rdf:Alt>`;
  const dc = [
    '<dc:format>application/pdf</dc:format>',
    `<dc:title>${alt(facts.title)}</dc:title>`,
    facts.author !== undefined ? `<dc:creator><rdf:Seq><rdf:li>${escapeXml(facts.author)}</rdf:li></rdf:Seq></dc:creator>` : '',
    facts.subject !== undefined ? `<dc:description>${alt(facts.subject)}</dc:description>` : '',
    `<dc:language><rdf:Bag><rdf:li>${escapeXml(facts.lang)}</rdf:li></rdf:Bag></dc:language>`,
  ];
  const pdf = [
    `<pdf:Producer>${escapeXml(facts.producer)}</pdf:Producer>`,
    facts.keywords !== undefined ? `<pdf:Keywords>${escapeXml(facts.keywords)}</pdf:Keywords>` : '',
  ];
  const uuid = facts.documentId ? uuidOf(facts.documentId) : undefined;
  const descriptions = [
    description('pdfaid="http://www.aiim.org/pdfa/ns/id/"', [
      `<pdfaid:part>${facts.pdfa.part}</pdfaid:part>`,
      `<pdfaid:conformance>${facts.pdfa.conformance}</pdfaid:conformance>`,
    ]),
    ...(facts.pdfua !== undefined ? [PDFUA_EXTENSION_SCHEMA, description('pdfuaid="http://www.aiim.org/pdfua/ns/id/"', [`<pdfuaid:part>${facts.pdfua}</pdfuaid:part>`])] : []),
    description('dc="http://purl.org/dc/elements/1.1/"', dc),
    description('xmp="http://ns.adobe.com/xap/1.0/"', [
      `<xmp:CreateDate>${date}</xmp:CreateDate>`,
      `<xmp:ModifyDate>${date}</xmp:ModifyDate>`,
      `<xmp:MetadataDate>${date}</xmp:MetadataDate>`,
      `<xmp:CreatorTool>${escapeXml(facts.creator)}</xmp:CreatorTool>`,
    ]),
    description('pdf="http://ns.adobe.com/pdf/1.3/"', pdf),
    uuid
      ? description('xmpMM="http://ns.adobe.com/xap/1.0/mm/"', [`<xmpMM:DocumentID>${uuid}</xmpMM:DocumentID>`, `<xmpMM:InstanceID>${uuid}</xmpMM:InstanceID>`])
      : '',
  ];
  return [
    // The BOM in `begin` tells readers the packet's encoding (UTF-8); the id is the fixed one of the standard.
    '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>',
    '<x:xmpmeta xmlns:x="adobe:ns:meta/">',
    '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">',
    ...descriptions.filter(Boolean),
    '</rdf:RDF>',
    '</x:xmpmeta>',
    '<?xpacket end="r"?>',
  ].join('\n');
}

/**
 * pdfuaid is not one of PDF/A's predefined schemas, so a PDF/A file that uses it must describe it in a PDF/A
 * extension schema (ISO 19005-3, 6.6.2.3.3); this is the description the PDF/UA competence centre publishes.
 */
const PDFUA_EXTENSION_SCHEMA = `<rdf:Description rdf:about="" xmlns:pdfaExtension="http://www.aiim.org/pdfa/ns/extension/" xmlns:pdfaSchema="http://www.aiim.org/pdfa/ns/schema#" xmlns:pdfaProperty="http://www.aiim.org/pdfa/ns/property#">
<pdfaExtension:schemas><rdf:Bag><rdf:li rdf:parseType="Resource">
<pdfaSchema:schema>PDF/UA Universal Accessibility Schema</pdfaSchema:schema>
<pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>
<pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>
<pdfaSchema:property><rdf:Seq><rdf:li rdf:parseType="Resource">
<pdfaProperty:name>part</pdfaProperty:name>
<pdfaProperty:valueType>Integer</pdfaProperty:valueType>
<pdfaProperty:category>internal</pdfaProperty:category>
<pdfaProperty:description>Indicates, which part of ISO 14289 standard is followed</pdfaProperty:description>
</rdf:li></rdf:Seq></pdfaSchema:property>
</rdf:li></rdf:Bag></pdfaExtension:schemas>
</rdf:Description>`;

function description(namespace: string, properties: string[]): string {
  return `<rdf:Description rdf:about="" xmlns:${namespace}>\n${properties.filter(Boolean).join('\n')}\n</rdf:Description>`;
}

/** An XMP date for the same instant the Info dictionary's `D:YYYYMMDDHHmmSSZ` names (seconds, UTC). */
export function xmpDate(date: Date): string {
  return date.toISOString().replace(/\.\d+Z$/, 'Z');
}

/** The 16 bytes as an RFC 4122 textual UUID, `uuid:xxxxxxxx-xxxx-…`. */
function uuidOf(id: Uint8Array): string {
  const hex = Buffer.from(id).toString('hex');
  return `uuid:${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

function escapeXml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
}
