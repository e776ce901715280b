import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Plugin } from 'esbuild';

/**
 * 把依赖包在加载时按 __dirname 读取的数据文件内联进 bundle（如 browserify 的 brfs）。
 * pdfmake 的字形与断行依赖 @foliojs-fork/fontkit（data/indic/use.trie）与 @foliojs-fork/linebreak（classes.trie），
 * 它们在 require 时执行 fs.readFileSync(__dirname + '/x.trie')；打包成单个 index.js 后 __dirname 下没有这些文件，
 * 导出函数一加载就会失败。内联后部署包仍只依赖 wx-server-sdk。
 */
const READ_TRIE = /(?:require\(['"]fs['"]\)|\bfs)\.readFileSync\(__dirname \+ ['"]\/([\w-]+\.trie)['"](\s*,\s*['"]base64['"])?\)/g;

export const inlineTrieAssets: Plugin = {
  name: 'inline-trie-assets',
  setup(build) {
    build.onLoad({ filter: /[\\/]node_modules[\\/]@foliojs-fork[\\/](fontkit|linebreak)[\\/].*\.js$/ }, async (args) => {
      const source = await readFile(args.path, 'utf8');
      if (!READ_TRIE.test(source)) return undefined;
      READ_TRIE.lastIndex = 0;
      const dir = path.dirname(args.path);
      const files = new Map<string, string>();
      for (const m of source.matchAll(READ_TRIE)) files.set(m[1], (await readFile(path.join(dir, m[1]))).toString('base64'));
      const contents = source.replace(READ_TRIE, (_all, name: string, asBase64?: string) =>
        asBase64 ? JSON.stringify(files.get(name)) : `Buffer.from(${JSON.stringify(files.get(name))}, 'base64')`,
      );
      return { contents, loader: 'js' };
    });
  },
};
