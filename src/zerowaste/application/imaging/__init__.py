"""Image processing use cases (issue #13): transforms of a caller's upload or of a posted file,
batch optimisation as a job, and the variants (thumbnails, WebP/AVIF) stored beside images."""
