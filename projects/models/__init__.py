from .confirmations import ClientConfirmation
from .projects import PipelineCaseSetting, Project

__all__ = ["ClientConfirmation", "PipelineCaseSetting", "Project"]
