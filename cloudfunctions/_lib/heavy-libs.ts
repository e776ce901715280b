/**
 * 体积大的文档库，在生成文件的操作第一次用到时才加载（issue 8：函数包 ≤ 300 KB、冷启动 ≤ 50 ms）。
 * 四个库合起来约 3.3 MB：静态 import 会让 exports、orgSheet 每次冷启动都解析它们，
 * 哪怕只是查“我的导出”或任务进度。构建时（_tools/build-functions.ts）这里的 require 改指函数目录里
 * 单独打包的 vendor/<包名>.js；本地运行时与测试里就是普通的 require。
 * 其他文件不得直接 import 这几个包的值（构建会报错），类型请用 import type。
 */

/** pdfmake：中文 PDF 排版（案例汇编、申报表、评价表、材料目录页） */
export function pdfmake(): typeof import('pdfmake') {
  return require('pdfmake');
}

/** pdf-lib：合并上传的 PDF、书签与页内链接 */
export function pdfLib(): typeof import('pdf-lib') {
  return require('pdf-lib');
}

/** docx：案例汇编的 Word 版 */
export function docx(): typeof import('docx') {
  return require('docx');
}

/** exceljs：立项结果汇总表、组织与人员的导入导出 */
export function excelJs(): typeof import('exceljs') {
  return require('exceljs');
}
