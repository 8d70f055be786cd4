import { builder } from './builder.js';

export const OrderDirectionEnum = builder.enumType('OrderDirection', {
  description: '排序方向 — sort direction.',
  values: {
    ASC: { value: 'asc', description: '升序 — ascending.' },
    DESC: { value: 'desc', description: '降序 — descending.' },
  } as const,
});
