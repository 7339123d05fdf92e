/** A metric value for display: 3 decimals, or 2 significant digits in exponent form when tiny. */
export function formatValue(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return "n/a";
  if (value !== 0 && Math.abs(value) < 1e-3) return value.toExponential(2);
  if (Number.isInteger(value) && Math.abs(value) >= 1000) return String(value);
  return value.toFixed(3);
}

/** The first 12 hex digits of a hash. */
export function shortHash(hash: string | null | undefined): string {
  return hash ? hash.slice(0, 12) : "unknown";
}

/** Site paths, in one place. */
export const paths = {
  home: "/",
  versions: "/versions/",
  architectures: "/architectures/",
  submit: "/submit/",
  version: (version: string) => `/v/${enc(version)}/`,
  profile: (version: string, profile: string) => `/v/${enc(version)}/${enc(profile)}/`,
  study: (version: string, profile: string, study: string) =>
    `/v/${enc(version)}/${enc(profile)}/${enc(study)}/`,
  file: (version: string, profile: string, study: string, file: string) =>
    `/v/${enc(version)}/${enc(profile)}/${enc(study)}/${enc(file)}`,
  record: (version: string, profile: string, study: string, cell: string) =>
    `/v/${enc(version)}/${enc(profile)}/records/${enc(study)}/${enc(cell)}/`,
  recordJson: (version: string, profile: string, study: string, cell: string) =>
    `/v/${enc(version)}/${enc(profile)}/records/${enc(study)}/${enc(cell)}.json`,
  report: (version: string, profile: string) => `/v/${enc(version)}/${enc(profile)}/REPORT.md`,
  reportPage: (version: string, profile: string) => `/v/${enc(version)}/${enc(profile)}/report/`,
  datasets: (version: string) => `/v/${enc(version)}/datasets/`,
  dataset: (version: string, name: string) => `/v/${enc(version)}/datasets/${enc(name)}/`,
  architecture: (name: string) => `/architectures/${enc(name)}/`,
};

function enc(segment: string): string {
  return encodeURIComponent(segment);
}
