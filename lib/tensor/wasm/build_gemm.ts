// Rebuilds gemm.wasm from gemm.c (run from anywhere: `deno task build:wasm`). Needs clang and
// wasm-ld 16 or newer (relaxed SIMD): `apt-get install -y clang-16 lld-16`.
if (Deno.args.includes("--help") || Deno.args.includes("-h")) {
  console.log(`deno task build:wasm — rebuild lib/tensor/wasm/gemm.wasm from gemm.c

Usage:
  deno task build:wasm

Needs clang and wasm-ld 16 or newer (relaxed SIMD): apt-get install -y clang-16 lld-16; set
CLANG to use another clang. The committed gemm.wasm is what the suite runs; rebuild only after
editing gemm.c (another clang may produce different, equally valid bytes).`);
  Deno.exit(0);
}
if (Deno.args.length) {
  console.error(`error: deno task build:wasm takes no arguments: received ${Deno.args.join(" ")}`);
  Deno.exit(2);
}
const here = new URL(".", import.meta.url).pathname;
const clang = Deno.env.get("CLANG") ?? "clang-16";
const args = [
  "--target=wasm32",
  "-msimd128",
  "-mrelaxed-simd",
  "-mbulk-memory",
  "-matomics",
  "-nostdlib",
  "-O3",
  "-ffp-contract=off",
  "-Wl,--no-entry",
  "-Wl,--import-memory",
  "-Wl,--shared-memory",
  "-Wl,--max-memory=4294967296",
  "-Wl,--strip-all",
  "-o",
  `${here}gemm.wasm`,
  `${here}gemm.c`,
];
const { code } = await new Deno.Command(clang, { args, stdout: "inherit", stderr: "inherit" })
  .output();
if (code !== 0) Deno.exit(code);
console.log(`built ${here}gemm.wasm`);
