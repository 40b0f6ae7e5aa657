"""Image processing (issue #13): output formats, size and quality limits, renditions and the
variants (thumbnails, WebP/AVIF copies) stored beside an image. Pure rules, stdlib only."""
