/** What the directory's list pages share: filters kept in the address, paging, the filter bar. */
import { ClearOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Grid } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';

export const PAGE_SIZES = [10, 20, 50, 100] as const;
const DEFAULT_PAGE_SIZE = 20;

function positiveInt(raw: string | null, fallback: number): number {
  const value = Number(raw);
  return Number.isInteger(value) && value > 0 ? value : fallback;
}

/** A value of an enum from the address, or undefined. */
export function pick<T extends string>(values: readonly T[], raw: string | null | undefined): T | undefined {
  return values.find((value) => value === raw);
}

export interface ListState {
  /** Filter values by name, as in the address ('' for none). */
  filters: Readonly<Record<string, string>>;
  page: number;
  pageSize: number;
  /** Sets some filters (undefined or '' clears one) and goes back to page 1. */
  update: (patch: Readonly<Record<string, string | number | undefined>>) => void;
  setPage: (page: number, pageSize: number) => void;
  reset: () => void;
  hasFilters: boolean;
  /** limit and offset for the API. */
  paging: { limit: number; offset: number };
}

/**
 * Filters and paging of a list page, kept in the URL so a filtered view can be shared or
 * reloaded. `names` are the filter parameters; `keep` names parameters a reset leaves (a tab).
 */
export function useListState(names: readonly string[], keep: readonly string[] = []): ListState {
  const [params, setParams] = useSearchParams();
  const filters = Object.fromEntries(names.map((name) => [name, params.get(name) ?? '']));
  const pageSizeRaw = positiveInt(params.get('pageSize'), DEFAULT_PAGE_SIZE);
  const pageSize = (PAGE_SIZES as readonly number[]).includes(pageSizeRaw) ? pageSizeRaw : DEFAULT_PAGE_SIZE;
  const page = positiveInt(params.get('page'), 1);

  const write = (next: URLSearchParams, nextPage: number, nextSize: number) => {
    next.delete('page');
    next.delete('pageSize');
    if (nextPage > 1) next.set('page', String(nextPage));
    if (nextSize !== DEFAULT_PAGE_SIZE) next.set('pageSize', String(nextSize));
    setParams(next);
  };

  return {
    filters,
    page,
    pageSize,
    update: (patch) => {
      const next = new URLSearchParams(params);
      for (const [key, value] of Object.entries(patch)) {
        if (value === undefined || value === '') next.delete(key);
        else next.set(key, String(value));
      }
      write(next, 1, pageSize);
    },
    setPage: (nextPage, nextSize) => {
      write(new URLSearchParams(params), nextSize === pageSize ? nextPage : 1, nextSize);
    },
    reset: () => {
      const next = new URLSearchParams();
      for (const key of keep) {
        const value = params.get(key);
        if (value) next.set(key, value);
      }
      setParams(next);
    },
    hasFilters: names.some((name) => !keep.includes(name) && (params.get(name) ?? '') !== ''),
    paging: { limit: pageSize, offset: (page - 1) * pageSize },
  };
}

/** A card holding a list's filters, with a reset button when any is set. */
export function FilterBar({
  state,
  children,
  testId,
}: {
  state: ListState;
  children: ReactNode;
  testId: string;
}) {
  const { t } = useTranslation();
  return (
    <Card size="small" style={{ marginBottom: 16 }} styles={{ body: { padding: 16 } }}>
      <Flex wrap gap={12} align="center" data-testid={testId}>
        {children}
        {state.hasFilters ? (
          <Button icon={<ClearOutlined />} onClick={state.reset} data-testid="filter-reset">
            {t('directory.filters.reset')}
          </Button>
        ) : null}
      </Flex>
    </Card>
  );
}

/** Fixed widths side by side; full width on phones. */
export function useFilterWidth(): (width: number) => { width: number | string } {
  const screens = Grid.useBreakpoint();
  return (width) => (screens.sm ? { width } : { width: '100%' });
}
