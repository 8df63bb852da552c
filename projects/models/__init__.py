from .confirmations import ClientConfirmation
from .projects import PipelineCaseSetting, Project
from .workload import Assignment, ExpertCapacity

__all__ = ["ClientConfirmation", "Assignment", "ExpertCapacity", "PipelineCaseSetting", "Project"]
