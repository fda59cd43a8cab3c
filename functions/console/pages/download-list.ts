/** The files the console offers per quarter: name in the URL → format, options, who may have it. */
export const DOWNLOADS = {
  csv: { format: 'csv', bom: false, label: 'CSV (UTF-8)', access: 'any' },
  'csv-excel': {
    format: 'csv',
    bom: true,
    label: 'CSV for Excel (UTF-8 with byte order mark)',
    access: 'any',
  },
  json: { format: 'json', bom: false, label: 'JSON', access: 'any' },
  xlsx: { format: 'xlsx', bom: false, label: 'Excel workbook (XLSX, typed columns)', access: 'any' },
  successfactors: {
    format: 'successfactors',
    bom: false,
    label: 'SAP SuccessFactors “Import Successors” (CSV)',
    access: 'hr',
  },
} as const;

export type DownloadName = keyof typeof DOWNLOADS;
