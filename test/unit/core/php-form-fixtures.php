<?php
// Regenerates the "php" answers in php-form.fixtures.json with the PHP that runs here
// (apt-get install php-cli): php test/unit/core/php-form-fixtures.php test/unit/core/php-form.fixtures.json
$file = $argv[1];
$fixtures = json_decode(file_get_contents($file), true);
foreach ($fixtures['encode'] as &$case) $case['php'] = http_build_query($case['input']);
unset($case);
foreach ($fixtures['decode'] as &$case) {
  parse_str($case['body'], $parsed);
  $case['php'] = $parsed;
}
unset($case);
$fixtures['generatedBy'] = 'PHP ' . PHP_VERSION . ' http_build_query / parse_str';
$flags = JSON_UNESCAPED_UNICODE | JSON_UNESCAPED_SLASHES | JSON_PRETTY_PRINT | JSON_PRESERVE_ZERO_FRACTION;
file_put_contents($file, json_encode($fixtures, $flags) . "\n");
