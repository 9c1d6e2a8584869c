-- Roles for this stage's users (issues 11, 14, 15): coordinators validate researchers'
-- questionnaires and issue vouchers; partners (employment, training and accreditation partners)
-- work the skills pipeline; network staff keep the social enterprise directory and support.
ALTER TABLE app_user DROP CONSTRAINT app_user_role_check;
ALTER TABLE app_user ADD CONSTRAINT app_user_role_check
	CHECK (role IN ('researcher', 'planner', 'administrator', 'coordinator', 'partner', 'network'));
