"""Leave (Art. 5): annual leave (annual) and its accrual by service (accrual), administrative leave (administrative), sick
leave, restriction and family members (sick), leaves of absence (absence), and the leave year with its pay periods (year)."""
from .absence import appointed_union_leave, child_rearing_leave, elected_union_leave, extended_lwop
from .accrual import AccrualSchedule, accrual_rate, service_schedule
from .administrative import (
                             blood_donation,
                             civil_defense,
                             cpa_exam,
                             military_funeral,
                             registration_leave,
                             voting_leave,
                             voting_trip,
)
from .annual import charge_for_absence, check_increment, project_many, project_year_end, restoration_check, separation_repayment
from .sick import (
                             RELATIONS,
                             CertificateCheck,
                             RestrictionPeriod,
                             RestrictionPlan,
                             advance_sick_leave,
                             family_member,
                             leave_restriction,
                             medical_certificate,
                             period_end,
)
from .year import leave_year, leave_year_of, restoration_request_deadline

__all__ = ["AccrualSchedule", "RELATIONS", "CertificateCheck", "RestrictionPeriod", "RestrictionPlan", "accrual_rate", "advance_sick_leave",
           "appointed_union_leave", "blood_donation", "charge_for_absence", "check_increment", "child_rearing_leave",
           "civil_defense", "cpa_exam", "elected_union_leave", "extended_lwop", "family_member", "leave_restriction",
           "leave_year", "leave_year_of", "medical_certificate", "military_funeral", "period_end", "project_many",
           "project_year_end", "registration_leave", "restoration_check", "restoration_request_deadline", "separation_repayment", "service_schedule", "voting_leave", "voting_trip"]
