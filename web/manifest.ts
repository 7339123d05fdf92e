// The routes and islands of the site (Fresh's fresh.gen.ts). Keep it in step with the files:
// tests/web_server_test.ts checks that every file under routes/ and islands/ is listed.

import * as $route0 from "./routes/_404.tsx";
import * as $route1 from "./routes/architectures/[name]/index.tsx";
import * as $route2 from "./routes/architectures/index.tsx";
import * as $route3 from "./routes/index.tsx";
import * as $route4 from "./routes/submit.tsx";
import * as $route16 from "./routes/schemas/[file].ts";
import * as $route5 from "./routes/v/[version]/[profile]/[file].ts";
import * as $route6 from "./routes/v/[version]/[profile]/[study]/[file].ts";
import * as $route7 from "./routes/v/[version]/[profile]/[study]/index.tsx";
import * as $route8 from "./routes/v/[version]/[profile]/index.tsx";
import * as $route9 from "./routes/v/[version]/[profile]/records/[study]/[cell]/index.tsx";
import * as $route10 from "./routes/v/[version]/[profile]/records/[study]/[file].ts";
import * as $route11 from "./routes/v/[version]/datasets/[name]/[file].ts";
import * as $route12 from "./routes/v/[version]/datasets/[name]/index.tsx";
import * as $route13 from "./routes/v/[version]/datasets/index.tsx";
import * as $route14 from "./routes/v/[version]/index.tsx";
import * as $route15 from "./routes/versions.tsx";
import * as $route17 from "./routes/v/[version]/[profile]/report/index.tsx";
import * as $island0 from "./islands/Chart.tsx";
import * as $island1 from "./islands/SortableTable.tsx";
import type { Manifest } from "../lib/site/app.ts";

/** Routes and islands, by file name. */
const manifest: Manifest = {
  routes: {
    "./routes/_404.tsx": $route0,
    "./routes/architectures/[name]/index.tsx": $route1,
    "./routes/architectures/index.tsx": $route2,
    "./routes/index.tsx": $route3,
    "./routes/schemas/[file].ts": $route16,
    "./routes/submit.tsx": $route4,
    "./routes/v/[version]/[profile]/[file].ts": $route5,
    "./routes/v/[version]/[profile]/[study]/[file].ts": $route6,
    "./routes/v/[version]/[profile]/[study]/index.tsx": $route7,
    "./routes/v/[version]/[profile]/index.tsx": $route8,
    "./routes/v/[version]/[profile]/records/[study]/[cell]/index.tsx": $route9,
    "./routes/v/[version]/[profile]/records/[study]/[file].ts": $route10,
    "./routes/v/[version]/[profile]/report/index.tsx": $route17,
    "./routes/v/[version]/datasets/[name]/[file].ts": $route11,
    "./routes/v/[version]/datasets/[name]/index.tsx": $route12,
    "./routes/v/[version]/datasets/index.tsx": $route13,
    "./routes/v/[version]/index.tsx": $route14,
    "./routes/versions.tsx": $route15,
  },
  islands: {
    "./islands/Chart.tsx": $island0,
    "./islands/SortableTable.tsx": $island1,
  },
  baseUrl: import.meta.url,
};

export default manifest;
