/* Text width, UTF-8 decoding and sanitising. */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"
#include "ismsnav/text.h"

TestSuite(text, .init = test_locale);

Test(text, decodes_valid_sequences)
{
	uint32_t cp;
	cr_assert_eq(text_decode("A", 1, &cp), 1);
	cr_assert_eq(cp, 'A');
	cr_assert_eq(text_decode("\xC3\xA9", 2, &cp), 2);
	cr_assert_eq(cp, 0xE9);
	cr_assert_eq(text_decode("\xE2\x80\x93", 3, &cp), 3);
	cr_assert_eq(cp, 0x2013);
	cr_assert_eq(text_decode("\xF0\x9F\x94\x92", 4, &cp), 4);
	cr_assert_eq(cp, 0x1F512);
}

Test(text, rejects_invalid_sequences_one_byte_at_a_time)
{
	uint32_t cp;
	const char *bad[] = {"\xFF", "\xC0\xAF", "\xE0\x80\xAF", "\xED\xA0\x80",
			     "\xF4\x90\x80\x80", "\xC3", "\xE2\x28\xA1"};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		cr_assert_eq(text_decode(bad[i], strlen(bad[i]), &cp), 1, "case %zu", i);
		cr_assert_eq(cp, TEXT_REPLACEMENT, "case %zu", i);
	}
	cr_assert_eq(text_decode("", 0, &cp), 0);
}

Test(text, encode_round_trips)
{
	uint32_t cps[] = {0x41, 0xE9, 0x2013, 0x1F512, 0x10FFFF};
	for (size_t i = 0; i < 5; i++) {
		char out[4];
		uint32_t back;
		size_t n = text_encode(cps[i], out);
		cr_assert_eq(text_decode(out, n, &back), n);
		cr_assert_eq(back, cps[i]);
	}
}

Test(text, counts_display_columns_not_bytes)
{
	cr_assert_eq(text_width("abc", 3), 3);
	cr_assert_eq(text_width("caf\xC3\xA9", 5), 4);
	cr_assert_eq(text_width("\xE6\x83\x85\xE5\xA0\xB1", 6), 4);   /* 情報 */
	cr_assert_eq(text_width("\xF0\x9F\x94\x92", 4), 2);           /* 🔒 */
	cr_assert_eq(text_width("e\xCC\x81", 3), 1);                  /* e + combining acute */
}

Test(text, fit_never_cuts_a_character)
{
	const char *s = "\xE6\x83\x85\xE5\xA0\xB1x"; /* 情報x */
	cr_assert_eq(text_fit(s, strlen(s), 3), 3);  /* only 情 fits in 3 columns */
	cr_assert_eq(text_fit(s, strlen(s), 4), 6);
	cr_assert_eq(text_fit(s, strlen(s), 1), 0);
	cr_assert_eq(text_fit("abc", 3, 10), 3);
}

Test(text, valid_utf8_reports_the_first_bad_offset)
{
	size_t off = 0;
	cr_assert(text_valid_utf8("ok \xC3\xA9", 5, &off));
	cr_assert_not(text_valid_utf8("ok \xFF!", 5, &off));
	cr_assert_eq(off, 3);
	cr_assert(text_valid_utf8("\xEF\xBF\xBD", 3, &off), "U+FFFD itself is valid");
}

Test(text, sanitize_makes_controls_visible)
{
	char *s = text_sanitize("a\x1b[31mb\tc\x7f\n", 11, false);
	cr_assert_str_eq(s, "a\xE2\x90\x9B[31mb c\xE2\x90\xA1 ");
	free(s);
	s = text_sanitize("x\ny", 3, true);
	cr_assert_str_eq(s, "x\ny");
	free(s);
}

Test(text, sanitize_replaces_invalid_bytes_and_c1_and_bidi)
{
	char *s = text_sanitize("a\xFF" "b\xC2\x9B" "c\xE2\x80\xAE" "d", 10, false);
	cr_assert_str_eq(s, "a\xEF\xBF\xBD" "b\xEF\xBF\xBD" "c\xEF\xBF\xBD" "d");
	free(s);
}
