import { useState } from 'preact/hooks';
import { errorText } from '@skranke/web';
import type { TriageApi } from '../common/api';
import { t } from '../common/texts';
import type { ReportQuery } from './report-query';

type Format = { id: string; format: 'csv' | 'xlsx'; dialect?: 'excel-da' | 'rfc4180'; ext: string };
const FORMATS: Format[] = [
  { id: 'csv-excel-da', format: 'csv', dialect: 'excel-da', ext: 'csv' },
  { id: 'csv-rfc4180', format: 'csv', dialect: 'rfc4180', ext: 'csv' },
  { id: 'xlsx', format: 'xlsx', ext: 'xlsx' },
];

/**
 * The same filter as the table on screen, as a file. Staff tokens live in the tab (not in a cookie), so a
 * plain link would arrive without one: the file is fetched with the bearer token and handed to the browser
 * as a download.
 */
export function ExportLinks({ api, query, formats }: { api: TriageApi; query: ReportQuery; formats: string[] }) {
  const [busy, setBusy] = useState('');
  const [error, setError] = useState('');
  const download = async (f: Format) => {
    setBusy(f.id);
    setError('');
    try {
      const { report, ...rest } = query;
      const { data } = await api.GET('/api/v1/reports/{report}', {
        params: { path: { report }, query: { ...rest, format: f.format, ...(f.dialect ? { dialect: f.dialect } : {}) } },
        parseAs: 'blob',
      });
      const url = URL.createObjectURL(data as Blob);
      const a = document.createElement('a');
      a.href = url;
      a.download = `skranke-${report}-${query.from}-${query.to}${f.dialect === 'rfc4180' ? '-rfc4180' : ''}.${f.ext}`;
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
    } catch (e) {
      setError(errorText(t, e));
    } finally {
      setBusy('');
    }
  };
  return (
    <section aria-labelledby="export-title" class="report-export">
      <h2 id="export-title">{t('reports.export')}</h2>
      <div class="choices">
        {FORMATS.filter((f) => formats.includes(f.format)).map((f) => (
          <button
            key={f.id}
            type="button"
            class="secondary"
            data-export={f.id}
            disabled={busy !== ''}
            aria-busy={busy === f.id}
            onClick={() => void download(f)}
          >
            {t(`reports.export.${f.id}`)}
          </button>
        ))}
      </div>
      <p class="error" role="alert">
        {error}
      </p>
    </section>
  );
}
