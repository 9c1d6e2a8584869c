/**
 * The demo questionnaire's wording in Urdu, Panjabi (Gurmukhi), Bengali, Arabic and Polish, one
 * table per language (see translations.ts, withTranslations). Written by the Asset Atlas team and
 * NOT yet reviewed by native speakers, like messages/*.json: have them checked before real use.
 * Organisation and test names (GMC, NMC, HCPC, IELTS, OET, GCSE), postcode examples and the
 * place's name stay as they are written in English.
 */
import type { LanguageCode } from '../i18n/languages';
import type { LanguageTable } from './translations';

type Codes = Record<string, string>;

/** The language choices' codes (definition.ts, LANGUAGES). */
const languageNames: Record<Exclude<LanguageCode, 'en'>, Codes> = {
	ur: { en: 'انگریزی', pa: 'پنجابی', ur: 'اردو', bn: 'بنگالی', ar: 'عربی', pl: 'پولش', ro: 'رومانیائی', so: 'صومالی', ti: 'تگرینیا', fr: 'فرانسیسی', pt: 'پرتگالی', other: 'کوئی اور زبان' },
	pa: { en: 'ਅੰਗਰੇਜ਼ੀ', pa: 'ਪੰਜਾਬੀ', ur: 'ਉਰਦੂ', bn: 'ਬੰਗਾਲੀ', ar: 'ਅਰਬੀ', pl: 'ਪੋਲਿਸ਼', ro: 'ਰੋਮਾਨੀਆਈ', so: 'ਸੋਮਾਲੀ', ti: 'ਤਿਗਰਿਨਿਆ', fr: 'ਫ਼ਰਾਂਸੀਸੀ', pt: 'ਪੁਰਤਗਾਲੀ', other: 'ਕੋਈ ਹੋਰ ਭਾਸ਼ਾ' },
	bn: { en: 'ইংরেজি', pa: 'পাঞ্জাবি', ur: 'উর্দু', bn: 'বাংলা', ar: 'আরবি', pl: 'পোলিশ', ro: 'রোমানিয়ান', so: 'সোমালি', ti: 'তিগ্রিনিয়া', fr: 'ফরাসি', pt: 'পর্তুগিজ', other: 'অন্য কোনো ভাষা' },
	ar: { en: 'الإنجليزية', pa: 'البنجابية', ur: 'الأردية', bn: 'البنغالية', ar: 'العربية', pl: 'البولندية', ro: 'الرومانية', so: 'الصومالية', ti: 'التغرينية', fr: 'الفرنسية', pt: 'البرتغالية', other: 'لغة أخرى' },
	pl: { en: 'Angielski', pa: 'Pendżabski', ur: 'Urdu', bn: 'Bengalski', ar: 'Arabski', pl: 'Polski', ro: 'Rumuński', so: 'Somalijski', ti: 'Tigrinia', fr: 'Francuski', pt: 'Portugalski', other: 'Inny język' }
};

export const DEMO_QUESTIONNAIRE_TRANSLATIONS: Record<Exclude<LanguageCode, 'en'>, LanguageTable> = {
	ur: {
		title: 'Greater Icknield میں ہنر، خیالات اور شوق',
		sections: {
			consent: {
				title: 'رضامندی',
				intro:
					'ہم آپ کے ہنر، قابلیت اور خیالات کے بارے میں پوچھتے ہیں تاکہ آجر، تربیت دینے والے اور کمیونٹی گروپ دیکھ سکیں کہ علاقے میں پہلے سے کیا موجود ہے۔ ' +
					'آپ کے جوابات ہر عوامی چیز سے الگ رکھے جاتے ہیں: صرف وہ محقق جس نے آپ سے پوچھا، فارم جانچنے والے کوآرڈینیٹر اور پروجیکٹ کے منتظمین انہیں پڑھ سکتے ہیں۔ ' +
					'نقشے اور جدولیں ہر علاقے میں کم از کم دس لوگوں کی گنتی ہی دکھاتی ہیں، کبھی آپ کو نہیں۔ ہم کبھی آپ کا پتہ درج نہیں کرتے۔ ' +
					'آپ کسی بھی وقت اپنے محقق یا پروجیکٹ کو بتا کر نام واپس لے سکتے ہیں: پھر آپ کے جوابات مٹا دیے جاتے ہیں۔'
			},
			about: { title: 'آپ کے بارے میں' },
			skills: { title: 'ہنر اور قابلیت' },
			interests: { title: 'دلچسپیاں' },
			ideas: { title: 'خیالات اور شوق' },
			groups: { title: 'گروپ جن کا آپ حصہ ہیں' }
		},
		questions: {
			consent: { label: 'میں نے پڑھ لیا ہے یا مجھے بتایا گیا ہے کہ یہ کس لیے ہے، اسے کون دیکھتا ہے اور نام کیسے واپس لینا ہے، اور میں حصہ لینے پر راضی ہوں۔' },
			age_band: { label: 'عمر کا گروپ', choices: { '16-24': '16 سے 24', '25-34': '25 سے 34', '35-49': '35 سے 49', '50-64': '50 سے 64', '65+': '65 یا اس سے زیادہ', 'no-say': 'نہیں بتانا چاہتے' } },
			main_language: { label: 'بنیادی زبان', choices: languageNames.ur },
			languages: { label: 'دوسری زبانیں جو آپ بولتے ہیں', choices: languageNames.ur },
			location: {
				label: 'آپ کہاں رہتے ہیں؟ پوسٹ کوڈ سیکٹر (جیسے B18 4)، آؤٹ پٹ ایریا کوڈ، یا نقشے پر آپ کا چنا ہوا مقام — کبھی آپ کا پتہ نہیں۔',
				help: 'صرف وہ 250 میٹر کا علاقہ محفوظ ہوتا ہے جس میں یہ جگہ آتی ہے۔'
			},
			occupation: {
				label: 'پیشہ یا تربیت یافتہ شعبہ',
				choices: {
					doctor: 'ڈاکٹر (جی پی، ہسپتال، سرجری، صحتِ عامہ)',
					nurse: 'نرس یا دائی',
					'allied-health': 'تھراپسٹ، ریڈیوگرافر، سائنس دان، فارماسسٹ',
					care: 'دیکھ بھال یا معاونت کا کام',
					facilities: 'پورٹر، صفائی، کیٹرنگ، سکیورٹی',
					admin: 'دفتر، انتظامی یا کلرکی کام',
					trades: 'تعمیراتی ہنر',
					engineering: 'انجینئر، سرویئر، آرکیٹیکٹ',
					retail: 'دکان یا کسٹمر سروس',
					creative: 'تخلیقی کام، میڈیا، ترجمہ، آئی ٹی',
					hospitality: 'مہمان نوازی، تفریح، سیاحت',
					food: 'کھانا پکانا یا خوراک کی تیاری',
					business: 'کاروبار یا ادارہ چلانا',
					transport: 'ڈرائیونگ، ٹرانسپورٹ، لاجسٹکس',
					other: 'کچھ اور / کام نہیں کر رہے'
				}
			},
			qualification_level: {
				label: 'سب سے اعلیٰ قابلیت',
				choices: { none: 'کوئی باقاعدہ قابلیت نہیں', 'rqf1-2': 'GCSE یا اس کے برابر', rqf3: 'A لیول، ایڈوانسڈ اپرنٹس شپ', 'rqf4-5': 'ہائر نیشنل، فاؤنڈیشن ڈگری', rqf6: 'بیچلر کی ڈگری', rqf7: 'ماسٹر کی ڈگری، میڈیکل ڈگری', rqf8: 'ڈاکٹریٹ', unknown: 'یقین نہیں' }
			},
			overseas_qualification: { label: 'کیا آپ نے بیرونِ ملک کوئی قابلیت حاصل کی؟' },
			overseas_country: { label: 'اگر ہاں: کس ملک میں؟' },
			overseas_profession: { label: 'اگر ہاں: کس پیشے کے لیے؟' },
			registration: {
				label: 'برطانیہ میں پیشہ ورانہ رجسٹریشن',
				choices: { gmc: 'GMC کے ساتھ رجسٹرڈ (ڈاکٹر)', nmc: 'NMC کے ساتھ رجسٹرڈ (نرسیں، دائیاں)', hcpc: 'HCPC کے ساتھ رجسٹرڈ (الائیڈ ہیلتھ)', 'other-body': 'کسی اور برطانوی پیشہ ورانہ ادارے کے ساتھ رجسٹرڈ', applying: 'رجسٹریشن کے لیے درخواست دے رہے ہیں', none: 'رجسٹرڈ نہیں' }
			},
			english_test: { label: 'انگریزی زبان کا ٹیسٹ (IELTS، OET)', choices: { passed: 'پاس کر لیا', preparing: 'تیاری کر رہے ہیں یا بک ہے', 'not-needed': 'ضرورت نہیں', none: 'نہیں دیا' } },
			interests: { label: 'آپ کس چیز میں مدد چاہیں گے؟', choices: { jobs: 'نوکری ڈھونڈنا', training: 'تربیت یا اسناد', 'social-enterprise': 'سماجی ادارہ شروع کرنا', mentoring: 'رہنمائی (رہنما بننا یا رہنما ڈھونڈنا)' } },
			ideas: { label: 'خیالات اور شوق: آپ یہاں کیا کرنا یا شروع کرنا چاہیں گے؟' },
			groups: { label: 'گروپ جن کا آپ حصہ ہیں (مذہبی، کمیونٹی، کھیل، والدین…)' }
		}
	},
	pa: {
		title: 'Greater Icknield ਵਿੱਚ ਹੁਨਰ, ਵਿਚਾਰ ਅਤੇ ਸ਼ੌਕ',
		sections: {
			consent: {
				title: 'ਸਹਿਮਤੀ',
				intro:
					'ਅਸੀਂ ਤੁਹਾਡੇ ਹੁਨਰਾਂ, ਯੋਗਤਾਵਾਂ ਅਤੇ ਵਿਚਾਰਾਂ ਬਾਰੇ ਪੁੱਛਦੇ ਹਾਂ ਤਾਂ ਜੋ ਮਾਲਕ, ਸਿਖਲਾਈ ਦੇਣ ਵਾਲੇ ਅਤੇ ਭਾਈਚਾਰਕ ਗਰੁੱਪ ਦੇਖ ਸਕਣ ਕਿ ਇਲਾਕੇ ਵਿੱਚ ਪਹਿਲਾਂ ਹੀ ਕੀ ਹੈ। ' +
					'ਤੁਹਾਡੇ ਜਵਾਬ ਹਰ ਜਨਤਕ ਚੀਜ਼ ਤੋਂ ਵੱਖਰੇ ਰੱਖੇ ਜਾਂਦੇ ਹਨ: ਸਿਰਫ਼ ਉਹ ਖੋਜਕਾਰ ਜਿਸ ਨੇ ਤੁਹਾਨੂੰ ਪੁੱਛਿਆ, ਫਾਰਮ ਜਾਂਚਣ ਵਾਲੇ ਕੋਆਰਡੀਨੇਟਰ ਅਤੇ ਪ੍ਰੋਜੈਕਟ ਦੇ ਪ੍ਰਬੰਧਕ ਇਹਨਾਂ ਨੂੰ ਪੜ੍ਹ ਸਕਦੇ ਹਨ। ' +
					'ਨਕਸ਼ੇ ਅਤੇ ਸਾਰਣੀਆਂ ਹਰ ਇਲਾਕੇ ਵਿੱਚ ਘੱਟੋ-ਘੱਟ ਦਸ ਲੋਕਾਂ ਦੀ ਗਿਣਤੀ ਹੀ ਦਿਖਾਉਂਦੀਆਂ ਹਨ, ਕਦੇ ਤੁਹਾਨੂੰ ਨਹੀਂ। ਅਸੀਂ ਕਦੇ ਤੁਹਾਡਾ ਪਤਾ ਨਹੀਂ ਲਿਖਦੇ। ' +
					'ਤੁਸੀਂ ਕਿਸੇ ਵੀ ਸਮੇਂ ਆਪਣੇ ਖੋਜਕਾਰ ਜਾਂ ਪ੍ਰੋਜੈਕਟ ਨੂੰ ਦੱਸ ਕੇ ਹਟ ਸਕਦੇ ਹੋ: ਫਿਰ ਤੁਹਾਡੇ ਜਵਾਬ ਮਿਟਾ ਦਿੱਤੇ ਜਾਂਦੇ ਹਨ।'
			},
			about: { title: 'ਤੁਹਾਡੇ ਬਾਰੇ' },
			skills: { title: 'ਹੁਨਰ ਅਤੇ ਯੋਗਤਾਵਾਂ' },
			interests: { title: 'ਦਿਲਚਸਪੀਆਂ' },
			ideas: { title: 'ਵਿਚਾਰ ਅਤੇ ਸ਼ੌਕ' },
			groups: { title: 'ਗਰੁੱਪ ਜਿਨ੍ਹਾਂ ਦਾ ਤੁਸੀਂ ਹਿੱਸਾ ਹੋ' }
		},
		questions: {
			consent: { label: 'ਮੈਂ ਪੜ੍ਹ ਲਿਆ ਹੈ ਜਾਂ ਮੈਨੂੰ ਦੱਸਿਆ ਗਿਆ ਹੈ ਕਿ ਇਹ ਕਿਸ ਲਈ ਹੈ, ਇਸ ਨੂੰ ਕੌਣ ਦੇਖਦਾ ਹੈ ਅਤੇ ਕਿਵੇਂ ਹਟਣਾ ਹੈ, ਅਤੇ ਮੈਂ ਹਿੱਸਾ ਲੈਣ ਲਈ ਸਹਿਮਤ ਹਾਂ।' },
			age_band: { label: 'ਉਮਰ ਦਾ ਗਰੁੱਪ', choices: { '16-24': '16 ਤੋਂ 24', '25-34': '25 ਤੋਂ 34', '35-49': '35 ਤੋਂ 49', '50-64': '50 ਤੋਂ 64', '65+': '65 ਜਾਂ ਵੱਧ', 'no-say': 'ਨਹੀਂ ਦੱਸਣਾ ਚਾਹੁੰਦੇ' } },
			main_language: { label: 'ਮੁੱਖ ਭਾਸ਼ਾ', choices: languageNames.pa },
			languages: { label: 'ਹੋਰ ਭਾਸ਼ਾਵਾਂ ਜੋ ਤੁਸੀਂ ਬੋਲਦੇ ਹੋ', choices: languageNames.pa },
			location: {
				label: 'ਤੁਸੀਂ ਕਿੱਥੇ ਰਹਿੰਦੇ ਹੋ? ਇੱਕ ਪੋਸਟਕੋਡ ਸੈਕਟਰ (ਜਿਵੇਂ B18 4), ਇੱਕ ਆਉਟਪੁੱਟ ਏਰੀਆ ਕੋਡ, ਜਾਂ ਨਕਸ਼ੇ ਉੱਤੇ ਤੁਹਾਡੀ ਚੁਣੀ ਥਾਂ — ਕਦੇ ਤੁਹਾਡਾ ਪਤਾ ਨਹੀਂ।',
				help: 'ਸਿਰਫ਼ ਉਹ 250 ਮੀਟਰ ਦਾ ਇਲਾਕਾ ਰੱਖਿਆ ਜਾਂਦਾ ਹੈ ਜਿਸ ਵਿੱਚ ਇਹ ਥਾਂ ਆਉਂਦੀ ਹੈ।'
			},
			occupation: {
				label: 'ਕਿੱਤਾ ਜਾਂ ਸਿਖਲਾਈ ਵਾਲਾ ਪੇਸ਼ਾ',
				choices: {
					doctor: 'ਡਾਕਟਰ (ਜੀਪੀ, ਹਸਪਤਾਲ, ਸਰਜਰੀ, ਜਨ ਸਿਹਤ)',
					nurse: 'ਨਰਸ ਜਾਂ ਦਾਈ',
					'allied-health': 'ਥੈਰੇਪਿਸਟ, ਰੇਡੀਓਗ੍ਰਾਫਰ, ਵਿਗਿਆਨੀ, ਫਾਰਮਾਸਿਸਟ',
					care: 'ਦੇਖਭਾਲ ਜਾਂ ਸਹਾਇਤਾ ਦਾ ਕੰਮ',
					facilities: 'ਪੋਰਟਰ, ਸਫ਼ਾਈ, ਕੇਟਰਿੰਗ, ਸੁਰੱਖਿਆ',
					admin: 'ਦਫ਼ਤਰ, ਪ੍ਰਬੰਧਕੀ ਜਾਂ ਕਲਰਕ ਦਾ ਕੰਮ',
					trades: 'ਉਸਾਰੀ ਦਾ ਹੁਨਰ',
					engineering: 'ਇੰਜੀਨੀਅਰ, ਸਰਵੇਅਰ, ਆਰਕੀਟੈਕਟ',
					retail: 'ਦੁਕਾਨ ਜਾਂ ਗਾਹਕ ਸੇਵਾ',
					creative: 'ਰਚਨਾਤਮਕ ਕੰਮ, ਮੀਡੀਆ, ਅਨੁਵਾਦ, ਆਈਟੀ',
					hospitality: 'ਪਰਾਹੁਣਚਾਰੀ, ਮਨੋਰੰਜਨ, ਸੈਰ-ਸਪਾਟਾ',
					food: 'ਖਾਣਾ ਬਣਾਉਣਾ ਜਾਂ ਭੋਜਨ ਉਤਪਾਦਨ',
					business: 'ਕਾਰੋਬਾਰ ਜਾਂ ਅਦਾਰਾ ਚਲਾਉਣਾ',
					transport: 'ਡਰਾਈਵਿੰਗ, ਆਵਾਜਾਈ, ਲੌਜਿਸਟਿਕਸ',
					other: 'ਕੁਝ ਹੋਰ / ਕੰਮ ਨਹੀਂ ਕਰ ਰਹੇ'
				}
			},
			qualification_level: {
				label: 'ਸਭ ਤੋਂ ਉੱਚੀ ਯੋਗਤਾ',
				choices: { none: 'ਕੋਈ ਰਸਮੀ ਯੋਗਤਾ ਨਹੀਂ', 'rqf1-2': 'GCSE ਜਾਂ ਬਰਾਬਰ', rqf3: 'A ਲੈਵਲ, ਐਡਵਾਂਸਡ ਅਪ੍ਰੈਂਟਿਸਸ਼ਿਪ', 'rqf4-5': 'ਹਾਇਰ ਨੈਸ਼ਨਲ, ਫਾਊਂਡੇਸ਼ਨ ਡਿਗਰੀ', rqf6: 'ਬੈਚਲਰ ਡਿਗਰੀ', rqf7: 'ਮਾਸਟਰ ਡਿਗਰੀ, ਮੈਡੀਕਲ ਡਿਗਰੀ', rqf8: 'ਡਾਕਟਰੇਟ', unknown: 'ਪੱਕਾ ਨਹੀਂ ਪਤਾ' }
			},
			overseas_qualification: { label: 'ਕੀ ਤੁਸੀਂ ਵਿਦੇਸ਼ ਵਿੱਚ ਕੋਈ ਯੋਗਤਾ ਹਾਸਲ ਕੀਤੀ?' },
			overseas_country: { label: 'ਜੇ ਹਾਂ: ਕਿਹੜੇ ਦੇਸ਼ ਵਿੱਚ?' },
			overseas_profession: { label: 'ਜੇ ਹਾਂ: ਕਿਹੜੇ ਪੇਸ਼ੇ ਲਈ?' },
			registration: {
				label: 'ਯੂਕੇ ਪੇਸ਼ੇਵਰ ਰਜਿਸਟ੍ਰੇਸ਼ਨ',
				choices: { gmc: 'GMC ਨਾਲ ਰਜਿਸਟਰਡ (ਡਾਕਟਰ)', nmc: 'NMC ਨਾਲ ਰਜਿਸਟਰਡ (ਨਰਸਾਂ, ਦਾਈਆਂ)', hcpc: 'HCPC ਨਾਲ ਰਜਿਸਟਰਡ (ਸਹਾਇਕ ਸਿਹਤ ਪੇਸ਼ੇ)', 'other-body': 'ਕਿਸੇ ਹੋਰ ਯੂਕੇ ਪੇਸ਼ੇਵਰ ਸੰਸਥਾ ਨਾਲ ਰਜਿਸਟਰਡ', applying: 'ਰਜਿਸਟ੍ਰੇਸ਼ਨ ਲਈ ਅਰਜ਼ੀ ਦੇ ਰਹੇ ਹਾਂ', none: 'ਰਜਿਸਟਰਡ ਨਹੀਂ' }
			},
			english_test: { label: 'ਅੰਗਰੇਜ਼ੀ ਭਾਸ਼ਾ ਦਾ ਟੈਸਟ (IELTS, OET)', choices: { passed: 'ਪਾਸ ਕੀਤਾ', preparing: 'ਤਿਆਰੀ ਕਰ ਰਹੇ ਹਾਂ ਜਾਂ ਬੁੱਕ ਹੈ', 'not-needed': 'ਲੋੜ ਨਹੀਂ', none: 'ਨਹੀਂ ਦਿੱਤਾ' } },
			interests: { label: 'ਤੁਸੀਂ ਕਿਸ ਚੀਜ਼ ਵਿੱਚ ਮਦਦ ਚਾਹੁੰਦੇ ਹੋ?', choices: { jobs: 'ਨੌਕਰੀ ਲੱਭਣਾ', training: 'ਸਿਖਲਾਈ ਜਾਂ ਮਾਨਤਾ', 'social-enterprise': 'ਇੱਕ ਸਮਾਜਿਕ ਉੱਦਮ ਸ਼ੁਰੂ ਕਰਨਾ', mentoring: 'ਮੈਂਟਰਿੰਗ (ਮੈਂਟਰ ਬਣਨਾ ਜਾਂ ਮੈਂਟਰ ਲੱਭਣਾ)' } },
			ideas: { label: 'ਵਿਚਾਰ ਅਤੇ ਸ਼ੌਕ: ਤੁਸੀਂ ਇੱਥੇ ਕੀ ਕਰਨਾ ਜਾਂ ਸ਼ੁਰੂ ਕਰਨਾ ਚਾਹੋਗੇ?' },
			groups: { label: 'ਗਰੁੱਪ ਜਿਨ੍ਹਾਂ ਦਾ ਤੁਸੀਂ ਹਿੱਸਾ ਹੋ (ਧਾਰਮਿਕ, ਭਾਈਚਾਰਕ, ਖੇਡਾਂ, ਮਾਪੇ…)' }
		}
	},
	bn: {
		title: 'Greater Icknield-এ দক্ষতা, ভাবনা ও আগ্রহ',
		sections: {
			consent: {
				title: 'সম্মতি',
				intro:
					'আমরা আপনার দক্ষতা, যোগ্যতা ও ভাবনার কথা জিজ্ঞেস করি, যাতে নিয়োগকর্তা, প্রশিক্ষণদাতা ও কমিউনিটি গ্রুপ দেখতে পারে এলাকায় আগে থেকেই কী আছে। ' +
					'আপনার উত্তর সব প্রকাশ্য জিনিস থেকে আলাদা রাখা হয়: শুধু যে গবেষক আপনাকে জিজ্ঞেস করেছেন, যে সমন্বয়কারীরা ফর্ম যাচাই করেন এবং প্রকল্পের প্রশাসকেরা সেগুলো পড়তে পারেন। ' +
					'মানচিত্র ও টেবিলে প্রতিটি এলাকায় কমপক্ষে দশজনের সংখ্যা দেখানো হয়, কখনো আপনাকে নয়। আমরা কখনো আপনার ঠিকানা লিখি না। ' +
					'আপনি যেকোনো সময় আপনার গবেষক বা প্রকল্পকে জানিয়ে সরে যেতে পারেন: তখন আপনার উত্তর মুছে ফেলা হয়।'
			},
			about: { title: 'আপনার সম্পর্কে' },
			skills: { title: 'দক্ষতা ও যোগ্যতা' },
			interests: { title: 'আগ্রহ' },
			ideas: { title: 'ভাবনা ও ভালোবাসার কাজ' },
			groups: { title: 'যে গ্রুপগুলোর আপনি সদস্য' }
		},
		questions: {
			consent: { label: 'এটি কিসের জন্য, কে দেখে এবং কীভাবে সরে যাওয়া যায় তা আমি পড়েছি বা আমাকে বলা হয়েছে, এবং আমি অংশ নিতে রাজি।' },
			age_band: { label: 'বয়সের সীমা', choices: { '16-24': '16 থেকে 24', '25-34': '25 থেকে 34', '35-49': '35 থেকে 49', '50-64': '50 থেকে 64', '65+': '65 বা তার বেশি', 'no-say': 'বলতে চাই না' } },
			main_language: { label: 'প্রধান ভাষা', choices: languageNames.bn },
			languages: { label: 'অন্য যে ভাষাগুলো বলেন', choices: languageNames.bn },
			location: {
				label: 'আপনি কোথায় থাকেন? একটি পোস্টকোড সেক্টর (যেমন B18 4), একটি আউটপুট এরিয়া কোড, বা মানচিত্রে আপনার বেছে নেওয়া একটি বিন্দু — কখনো আপনার ঠিকানা নয়।',
				help: 'শুধু জায়গাটি যে 250 মিটারের এলাকায় পড়ে সেটি রাখা হয়।'
			},
			occupation: {
				label: 'পেশা বা যে পেশায় প্রশিক্ষণ পেয়েছেন',
				choices: {
					doctor: 'ডাক্তার (জিপি, হাসপাতাল, সার্জারি, জনস্বাস্থ্য)',
					nurse: 'নার্স বা ধাত্রী',
					'allied-health': 'থেরাপিস্ট, রেডিওগ্রাফার, বিজ্ঞানী, ফার্মাসিস্ট',
					care: 'যত্ন বা সহায়তার কাজ',
					facilities: 'পোর্টার, পরিচ্ছন্নতা, খাবার সরবরাহ, নিরাপত্তা',
					admin: 'অফিস, প্রশাসনিক বা কেরানির কাজ',
					trades: 'নির্মাণের কারিগরি কাজ',
					engineering: 'প্রকৌশলী, সার্ভেয়ার, স্থপতি',
					retail: 'দোকান বা গ্রাহক সেবা',
					creative: 'সৃজনশীল কাজ, মিডিয়া, অনুবাদ, আইটি',
					hospitality: 'আতিথেয়তা, বিনোদন, পর্যটন',
					food: 'রান্না বা খাদ্য উৎপাদন',
					business: 'ব্যবসা বা প্রতিষ্ঠান চালানো',
					transport: 'গাড়ি চালানো, পরিবহন, লজিস্টিকস',
					other: 'অন্য কিছু / কাজ করছি না'
				}
			},
			qualification_level: {
				label: 'সর্বোচ্চ যোগ্যতা',
				choices: { none: 'কোনো আনুষ্ঠানিক যোগ্যতা নেই', 'rqf1-2': 'GCSE বা সমমান', rqf3: 'A লেভেল, উচ্চতর শিক্ষানবিশি', 'rqf4-5': 'হায়ার ন্যাশনাল, ফাউন্ডেশন ডিগ্রি', rqf6: 'স্নাতক ডিগ্রি', rqf7: 'স্নাতকোত্তর ডিগ্রি, মেডিকেল ডিগ্রি', rqf8: 'ডক্টরেট', unknown: 'নিশ্চিত নই' }
			},
			overseas_qualification: { label: 'আপনি কি বিদেশে কোনো যোগ্যতা অর্জন করেছেন?' },
			overseas_country: { label: 'যদি হ্যাঁ: কোন দেশে?' },
			overseas_profession: { label: 'যদি হ্যাঁ: কোন পেশার জন্য?' },
			registration: {
				label: 'যুক্তরাজ্যে পেশাগত নিবন্ধন',
				choices: { gmc: 'GMC-তে নিবন্ধিত (ডাক্তার)', nmc: 'NMC-তে নিবন্ধিত (নার্স, ধাত্রী)', hcpc: 'HCPC-তে নিবন্ধিত (সহযোগী স্বাস্থ্য পেশা)', 'other-body': 'যুক্তরাজ্যের অন্য কোনো পেশাগত সংস্থায় নিবন্ধিত', applying: 'নিবন্ধনের জন্য আবেদন করছি', none: 'নিবন্ধিত নই' }
			},
			english_test: { label: 'ইংরেজি ভাষার পরীক্ষা (IELTS, OET)', choices: { passed: 'পাস করেছি', preparing: 'প্রস্তুতি নিচ্ছি বা বুক করেছি', 'not-needed': 'দরকার নেই', none: 'দিইনি' } },
			interests: { label: 'আপনি কোন বিষয়ে সাহায্য চান?', choices: { jobs: 'চাকরি খোঁজা', training: 'প্রশিক্ষণ বা স্বীকৃতি', 'social-enterprise': 'একটি সামাজিক উদ্যোগ শুরু করা', mentoring: 'মেন্টরিং (মেন্টর হওয়া বা মেন্টর খোঁজা)' } },
			ideas: { label: 'ভাবনা ও আগ্রহ: আপনি এখানে কী করতে বা শুরু করতে চান?' },
			groups: { label: 'যে গ্রুপগুলোর আপনি সদস্য (ধর্মীয়, কমিউনিটি, খেলাধুলা, অভিভাবক…)' }
		}
	},
	ar: {
		title: 'المهارات والأفكار والشغف في Greater Icknield',
		sections: {
			consent: {
				title: 'الموافقة',
				intro:
					'نسأل عن مهاراتك ومؤهلاتك وأفكارك حتى يرى أصحاب العمل ومقدّمو التدريب والمجموعات المجتمعية ما هو موجود في المنطقة. ' +
					'تُحفظ إجاباتك بعيدًا عن كل ما هو عام: لا يقرؤها إلا الباحث الذي سألك، والمنسّقون الذين يراجعون الاستمارات، ومديرو المشروع. ' +
					'الخرائط والجداول تعرض أعدادًا فقط، عشرة أشخاص على الأقل في كل منطقة، ولا تعرضك أنت أبدًا. لا نسجّل عنوانك أبدًا. ' +
					'يمكنك الانسحاب في أي وقت بإخبار الباحث أو المشروع: وعندها تُحذف إجاباتك.'
			},
			about: { title: 'عنك' },
			skills: { title: 'المهارات والمؤهلات' },
			interests: { title: 'الاهتمامات' },
			ideas: { title: 'الأفكار والشغف' },
			groups: { title: 'المجموعات التي تنتمي إليها' }
		},
		questions: {
			consent: { label: 'قرأتُ أو أُخبرتُ لماذا هذا، ومن يراه، وكيف أنسحب، وأوافق على المشاركة.' },
			age_band: { label: 'الفئة العمرية', choices: { '16-24': '16 إلى 24', '25-34': '25 إلى 34', '35-49': '35 إلى 49', '50-64': '50 إلى 64', '65+': '65 أو أكثر', 'no-say': 'أفضّل عدم القول' } },
			main_language: { label: 'اللغة الرئيسية', choices: languageNames.ar },
			languages: { label: 'لغات أخرى تتحدثها', choices: languageNames.ar },
			location: {
				label: 'أين تسكن؟ قطاع الرمز البريدي (مثل B18 4)، أو رمز منطقة الإحصاء، أو نقطة تختارها على الخريطة — وليس عنوانك أبدًا.',
				help: 'لا تُحفظ إلا المنطقة (250 م) التي يقع فيها المكان.'
			},
			occupation: {
				label: 'المهنة أو التخصص الذي تدرّبت عليه',
				choices: {
					doctor: 'طبيب (طبيب عام، مستشفى، جراحة، صحة عامة)',
					nurse: 'ممرض أو ممرضة أو قابلة',
					'allied-health': 'معالج، أخصائي أشعة، عالم، صيدلي',
					care: 'عمل الرعاية أو الدعم',
					facilities: 'حمّال، تنظيف، تموين، أمن',
					admin: 'عمل مكتبي أو إداري',
					trades: 'حرفة في البناء',
					engineering: 'مهندس، مسّاح، معماري',
					retail: 'متجر أو خدمة عملاء',
					creative: 'عمل إبداعي، إعلام، ترجمة، تقنية معلومات',
					hospitality: 'ضيافة، ترفيه، سياحة',
					food: 'طبخ أو إنتاج الطعام',
					business: 'إدارة عمل تجاري أو مؤسسة',
					transport: 'قيادة، نقل، خدمات لوجستية',
					other: 'شيء آخر / لا أعمل'
				}
			},
			qualification_level: {
				label: 'أعلى مؤهل',
				choices: { none: 'لا مؤهل رسمي', 'rqf1-2': 'GCSE أو ما يعادلها', rqf3: 'A levels، تدريب مهني متقدم', 'rqf4-5': 'دبلوم وطني عالٍ، درجة تأسيسية', rqf6: 'بكالوريوس', rqf7: 'ماجستير، شهادة طب', rqf8: 'دكتوراه', unknown: 'لست متأكدًا' }
			},
			overseas_qualification: { label: 'هل حصلت على مؤهل في الخارج؟' },
			overseas_country: { label: 'إذا كان الجواب نعم: في أي بلد؟' },
			overseas_profession: { label: 'إذا كان الجواب نعم: لأي مهنة؟' },
			registration: {
				label: 'التسجيل المهني في المملكة المتحدة',
				choices: { gmc: 'مسجّل لدى GMC (الأطباء)', nmc: 'مسجّل لدى NMC (التمريض والقبالة)', hcpc: 'مسجّل لدى HCPC (المهن الصحية المساندة)', 'other-body': 'مسجّل لدى هيئة مهنية بريطانية أخرى', applying: 'أتقدّم بطلب التسجيل', none: 'غير مسجّل' }
			},
			english_test: { label: 'اختبار اللغة الإنجليزية (IELTS، OET)', choices: { passed: 'نجحت', preparing: 'أستعد له أو حجزت موعدًا', 'not-needed': 'لا أحتاجه', none: 'لم أقدّمه' } },
			interests: { label: 'في ماذا تريد المساعدة؟', choices: { jobs: 'إيجاد عمل', training: 'تدريب أو اعتماد مهني', 'social-enterprise': 'بدء مؤسسة اجتماعية', mentoring: 'الإرشاد (أن تكون مرشدًا أو تجد مرشدًا)' } },
			ideas: { label: 'الأفكار والشغف: ماذا تحب أن تفعل أو تبدأ هنا؟' },
			groups: { label: 'المجموعات التي تنتمي إليها (دينية، مجتمعية، رياضية، أولياء أمور…)' }
		}
	},
	pl: {
		title: 'Umiejętności, pomysły i pasje w Greater Icknield',
		sections: {
			consent: {
				title: 'Zgoda',
				intro:
					'Pytamy o Twoje umiejętności, kwalifikacje i pomysły, aby pracodawcy, organizatorzy szkoleń i grupy lokalne widzieli, co już jest w okolicy. ' +
					'Twoje odpowiedzi są trzymane osobno od wszystkiego, co publiczne: czytać je mogą tylko badacz, który Cię pytał, koordynatorzy sprawdzający formularze i administratorzy projektu. ' +
					'Mapy i tabele pokazują tylko liczby, co najmniej dziesięć osób na obszar, nigdy Ciebie. Nigdy nie zapisujemy Twojego adresu. ' +
					'Możesz w każdej chwili się wycofać, mówiąc o tym badaczowi lub projektowi: wtedy Twoje odpowiedzi zostaną usunięte.'
			},
			about: { title: 'O Tobie' },
			skills: { title: 'Umiejętności i kwalifikacje' },
			interests: { title: 'Zainteresowania' },
			ideas: { title: 'Pomysły i pasje' },
			groups: { title: 'Grupy, do których należysz' }
		},
		questions: {
			consent: { label: 'Przeczytałem/am lub usłyszałem/am, do czego to służy, kto to widzi i jak się wycofać, i zgadzam się wziąć udział.' },
			age_band: { label: 'Przedział wieku', choices: { '16-24': '16 do 24', '25-34': '25 do 34', '35-49': '35 do 49', '50-64': '50 do 64', '65+': '65 lub więcej', 'no-say': 'Wolę nie mówić' } },
			main_language: { label: 'Główny język', choices: languageNames.pl },
			languages: { label: 'Inne języki, którymi mówisz', choices: languageNames.pl },
			location: {
				label: 'Gdzie mieszkasz? Sektor kodu pocztowego (np. B18 4), kod obszaru spisowego (output area) albo punkt wybrany na mapie — nigdy Twój adres.',
				help: 'Zapisujemy tylko obszar 250 m, w którym leży to miejsce.'
			},
			occupation: {
				label: 'Zawód wykonywany lub wyuczony',
				choices: {
					doctor: 'Lekarz (GP, szpital, chirurgia, zdrowie publiczne)',
					nurse: 'Pielęgniarka lub położna',
					'allied-health': 'Terapeuta, radiograf, naukowiec, farmaceuta',
					care: 'Opieka lub praca wspierająca',
					facilities: 'Portier szpitalny, sprzątanie, catering, ochrona',
					admin: 'Praca biurowa lub administracyjna',
					trades: 'Zawód budowlany',
					engineering: 'Inżynier, geodeta, architekt',
					retail: 'Sklep lub obsługa klienta',
					creative: 'Praca twórcza, media, tłumaczenia, IT',
					hospitality: 'Gastronomia, rekreacja, turystyka',
					food: 'Gotowanie lub produkcja żywności',
					business: 'Prowadzenie firmy lub przedsiębiorstwa',
					transport: 'Kierowca, transport, logistyka',
					other: 'Coś innego / nie pracuję'
				}
			},
			qualification_level: {
				label: 'Najwyższe wykształcenie',
				choices: { none: 'Brak formalnych kwalifikacji', 'rqf1-2': 'GCSE lub równoważne', rqf3: 'A levels, zaawansowana praktyka zawodowa', 'rqf4-5': 'Higher National, foundation degree', rqf6: 'Licencjat', rqf7: 'Magisterium, dyplom lekarski', rqf8: 'Doktorat', unknown: 'Nie wiem' }
			},
			overseas_qualification: { label: 'Czy zdobyłeś/aś kwalifikacje za granicą?' },
			overseas_country: { label: 'Jeśli tak: w jakim kraju?' },
			overseas_profession: { label: 'Jeśli tak: w jakim zawodzie?' },
			registration: {
				label: 'Rejestracja zawodowa w Wielkiej Brytanii',
				choices: { gmc: 'Zarejestrowany/a w GMC (lekarze)', nmc: 'Zarejestrowany/a w NMC (pielęgniarki, położne)', hcpc: 'Zarejestrowany/a w HCPC (pokrewne zawody medyczne)', 'other-body': 'Zarejestrowany/a w innej brytyjskiej organizacji zawodowej', applying: 'W trakcie rejestracji', none: 'Niezarejestrowany/a' }
			},
			english_test: { label: 'Egzamin z angielskiego (IELTS, OET)', choices: { passed: 'Zdany', preparing: 'Przygotowuję się lub mam termin', 'not-needed': 'Niepotrzebny', none: 'Nie zdawałem/am' } },
			interests: { label: 'W czym chcesz pomocy?', choices: { jobs: 'Znalezienie pracy', training: 'Szkolenie lub uznanie kwalifikacji', 'social-enterprise': 'Założenie przedsiębiorstwa społecznego', mentoring: 'Mentoring (bycie mentorem lub znalezienie mentora)' } },
			ideas: { label: 'Pomysły i pasje: co chcesz tu robić lub zacząć?' },
			groups: { label: 'Grupy, do których należysz (religijne, lokalne, sportowe, rodzice…)' }
		}
	}
};
