import type {
  LoggerService,
  RootLoggerService,
} from '@backstage/backend-plugin-api';

type Meta = Parameters<LoggerService['info']>[1];
type Fields = Exclude<Meta, Error | undefined>;

/** A root logger that keeps every line (message, meta and error) as text, for tests to inspect. */
export interface RecordingLogger extends RootLoggerService {
  /** Every line logged so far, by any plugin, JSON-encoded. */
  lines: string[];
}

export function createRecordingLogger(): RecordingLogger {
  const lines: string[] = [];
  const make = (fields: Fields): LoggerService => {
    const log =
      (level: string) =>
      (message: string, meta?: Meta): void => {
        const extra =
          meta instanceof Error
            ? { error: `${meta.name}: ${meta.message}`, stack: meta.stack }
            : meta;
        lines.push(JSON.stringify({ level, message, ...fields, ...extra }));
      };
    return {
      error: log('error'),
      warn: log('warn'),
      info: log('info'),
      debug: log('debug'),
      child: meta => make({ ...fields, ...meta }),
    };
  };
  return Object.assign(make({}), { lines });
}
