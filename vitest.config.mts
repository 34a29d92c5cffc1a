import { defineConfig } from 'vitest/config';

const timeouts = { testTimeout: 20_000, hookTimeout: 20_000 };

export default defineConfig({
  test: {
    projects: [
      // The product, driven through the doubles and the relay.
      {
        test: { name: 'product', include: ['test/**/*.test.ts'], exclude: ['test/doubles/**'], ...timeouts },
      },
      // The doubles' own behaviour: what FXServer and the game client do, checked without the product.
      { test: { name: 'doubles', include: ['test/doubles/**/*.test.ts'], ...timeouts } },
    ],
  },
});
